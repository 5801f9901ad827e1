package org.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line of {@link BenchMain}: a scenario name, then {@code --name value} pairs and {@code --flag}s. */
record Options(String scenario, Map<String, String> values) {

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: BenchMain SCENARIO [--option value]... (see bench/README.md)");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an --option, got " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            values.put(name, flag ? "true" : args[++i]);
        }
        return new Options(args[0], Map.copyOf(values));
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    double decimal(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    List<Double> decimals(String name, List<Double> fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        List<Double> list = new ArrayList<>();
        for (String part : values.get(name).split(",")) {
            list.add(Double.parseDouble(part.trim()));
        }
        return list;
    }
}
