package org.parley.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The machine-readable lines bench/run.sh gathers into its one table:
 * {@code RESULT<TAB>scenario<TAB>target<TAB>value<TAB>unit<TAB>detail}. The scenario names a row
 * of the table, the target a column (parley, ngircd, inspircd, redis, redis-aof, jdk-tls).
 */
final class Results {
    private final PrintStream out;

    Results(PrintStream out) {
        this.out = out;
    }

    void put(String scenario, String target, double value, String unit, String detail) {
        out.printf(Locale.ROOT, "RESULT\t%s\t%s\t%.6g\t%s\t%s%n", scenario, target, value, unit, detail);
    }
}
