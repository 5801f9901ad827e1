package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metric table of docs/OPERATIONS.md ("Metrics") is what the endpoint exposes: every
 * {@code parley_*} family of a scrape is documented with its Prometheus type, and every documented
 * one is exposed. Operators write alerts and dashboards from that table.
 */
class DocumentedMetricsTest {
    private static final Pattern NAME = Pattern.compile("`(parley_[a-z0-9_]+)`");
    private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (parley_[a-z0-9_]+) (\\w+)$", Pattern.MULTILINE);

    @Test
    void everyExposedFamilyIsDocumentedWithItsTypeAndEveryDocumentedOneIsExposed() throws IOException {
        MicrometerServerMetrics metrics = new MicrometerServerMetrics();
        metrics.watchChatQueue(() -> 0, () -> 0);
        metrics.watchStore(() -> true);
        metrics.handshake("PARLEY1_X25519_ED25519_AES256GCM_SHA384", Outcome.SUCCESS);
        metrics.login("registration", Outcome.SUCCESS);
        metrics.request("SendRoomMessage", 1_000_000);
        Map<String, String> exposed = new TreeMap<>();
        Matcher type = TYPE_LINE.matcher(metrics.scrape());
        while (type.find()) {
            exposed.put(type.group(1), type.group(2));
        }

        assertThat(exposed).isNotEmpty().isEqualTo(documented());
    }

    /** Name to type from the rows of the table in the "Metrics" section. */
    private static Map<String, String> documented() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("parley.project.root", ".."))
                .resolve("docs/OPERATIONS.md"));
        int section = lines.indexOf("## Metrics");
        assertThat(section).as("OPERATIONS.md has a Metrics section").isNotNegative();
        Map<String, String> documented = new TreeMap<>();
        for (String line : lines.subList(section, lines.size())) {
            if (line.startsWith("## ") && !line.equals("## Metrics")) {
                break;
            }
            if (!line.startsWith("| `parley_")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String kind = cells[2].trim().replaceAll("s$", "");
            Matcher name = NAME.matcher(cells[1]);
            while (name.find()) {
                documented.put(name.group(1), kind);
            }
        }
        return documented;
    }
}
