package org.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of another JVM after a full GC: {@code jcmd PID GC.class_histogram} collects first
 * (it reports live objects only) and ends with a {@code Total} line whose third column is bytes.
 *
 * <p>The histogram also lists the filler arrays ({@code jdk.internal.vm.FillerElement[]}, and
 * {@code FillerObject}) with which the collector plugs the holes of dead objects it chose not to
 * compact away (the Parallel collector's dense prefix, retired allocation buffers). They are no
 * object of the program and grow with the heap, not with what it holds (28 MB at 10,000 idle
 * connections in one run, 0.13 MB empty), so they are subtracted: the figure is the bytes of live
 * objects.
 */
final class LiveHeap {
    private LiveHeap() {
    }

    static long bytes(long pid) throws IOException, InterruptedException {
        String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd failed: " + output.lines().limit(3).toList());
        }
        return liveBytes(output.lines().toList());
    }

    /** The histogram's total minus its filler arrays. */
    static long liveBytes(List<String> histogram) throws IOException {
        long fillers = 0;
        for (String line : histogram) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":") && parts[3].contains("jdk.internal.vm.Filler")) {
                fillers += Long.parseLong(parts[2]);
            }
        }
        for (String line : histogram.reversed()) {
            if (line.startsWith("Total")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[2]) - fillers;
            }
        }
        throw new IOException("no Total line in jcmd's class histogram");
    }
}
