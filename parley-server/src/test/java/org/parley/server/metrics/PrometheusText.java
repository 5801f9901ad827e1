package org.parley.server.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text format, parsed into samples: {@code name{label="value",...} number}
 * lines, comments skipped. Strict enough for tests: a line that is neither fails the parse.
 */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One sample: the metric name, its labels in name order, its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, Sample> samples = new LinkedHashMap<>();

    private PrometheusText() {
    }

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                int end = 0;
                while (label.find() && label.start() == end) {
                    labels.put(label.group(1), label.group(2));
                    end = label.end();
                }
                if (end != sample.group(3).length()) {
                    throw new IllegalArgumentException("bad labels in: " + line);
                }
            }
            Sample parsedSample = new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4)));
            parsed.samples.put(key(parsedSample.name(), labels), parsedSample);
        }
        return parsed;
    }

    /** The value of the sample {@code name} with exactly {@code labels} (name, value, name, value...); NaN if absent. */
    double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Sample sample = samples.get(key(name, wanted));
        return sample == null ? Double.NaN : sample.value();
    }

    /** The sum over every sample of {@code name} whose labels include {@code labels}; NaN if there is none. */
    double sum(String name, String... labels) {
        double total = Double.NaN;
        for (Sample sample : samples.values()) {
            boolean matches = sample.name().equals(name);
            for (int i = 0; matches && i < labels.length; i += 2) {
                matches = labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (matches) {
                total = Double.isNaN(total) ? sample.value() : total + sample.value();
            }
        }
        return total;
    }

    /** Every sample, for inspection and for the no-names check. */
    Iterable<Sample> samples() {
        return samples.values();
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }
}
