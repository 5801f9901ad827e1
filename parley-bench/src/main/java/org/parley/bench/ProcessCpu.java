package org.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of one process, read from Linux's {@code /proc/PID/stat} and
 * {@code /proc/PID/status}: user + system time of all its threads, so a server's figure includes its
 * event loops, its SQLite writer, its GC and its JIT.
 *
 * <p>{@code /proc/PID/stat} counts in clock ticks; {@code USER_HZ} is 100 on every Linux the project
 * runs on (x86-64 and arm64), so one tick is 10 ms and a figure is only as fine as that: benchmark
 * windows are seconds long for this reason.
 */
public record ProcessCpu(long pid) {
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** This JVM. */
    public static ProcessCpu self() {
        return new ProcessCpu(ProcessHandle.current().pid());
    }

    /** User + system CPU time so far, in nanoseconds (10 ms resolution). */
    public long cpuNanos() {
        String stat = read("stat");
        // The command name is in parentheses and may itself contain spaces or parentheses.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 of proc(5) (state); utime and stime are fields 14 and 15.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * NANOS_PER_TICK;
    }

    /**
     * CPU time so far of each of the JVM's JIT compiler threads ({@code C1 CompilerThre…},
     * {@code C2 CompilerThre…}) by thread id, in nanoseconds; empty for a process that is not a JVM.
     * With dynamic compiler threads a thread may end and take its count with it, so a difference of
     * two snapshots ({@link #compilerNanosSince}) is a lower bound.
     */
    public Map<Long, Long> compilerSnapshot() {
        Map<Long, Long> nanos = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    nanos.put(Long.parseLong(task.getFileName().toString()),
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
        return nanos;
    }

    /** JIT compiler CPU since {@code before} (a {@link #compilerSnapshot}), counting the threads alive now. */
    public long compilerNanosSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : compilerSnapshot().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    /** Resident set size in bytes (VmRSS). */
    public long rssBytes() {
        for (String line : read("status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file, e);
        }
    }
}
