package org.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of another JVM after a full GC: {@code jcmd PID GC.class_histogram} collects first
 * (it reports live objects only) and ends with a {@code Total} line whose third column is bytes.
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
        for (String line : output.lines().toList().reversed()) {
            if (line.startsWith("Total")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[2]);
            }
        }
        throw new IOException("no Total line in jcmd's class histogram");
    }
}
