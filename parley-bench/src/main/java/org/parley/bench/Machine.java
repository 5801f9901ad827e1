package org.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The line every benchmark table starts with: date, machine, cores, Java and load average. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return "# " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + cpuModel() + ", "
                + cores() + " cores (" + Runtime.getRuntime().availableProcessors() + " for this process), Java " + Runtime.version()
                + ", load average " + loadAverage();
    }

    /** The 1, 5 and 15-minute load averages, from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long cores() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: the architecture below is all we know
        }
        return System.getProperty("os.arch");
    }
}
