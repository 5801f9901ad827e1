package org.parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in a child process, started by the benchmark and stopped by its PID: a
 * Parley {@link BenchServerMain} in its own JVM (same class path), optionally pinned to one core
 * with {@code taskset}. Its output goes to {@code server.log} in the work directory.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;
    private final Path work;

    private ServerProcess(Process process, InetSocketAddress address, Path work) {
        this.process = process;
        this.address = address;
        this.work = work;
    }

    /** Starts a Parley server (MODERN preset) in {@code work}; {@code core} pins it (taskset -c) when present. */
    public static ServerProcess parley(Path work, Optional<Integer> core, String heap) throws IOException, InterruptedException {
        return parley(work, core, heap, "MODERN");
    }

    /** Starts a Parley server with {@code preset} in {@code work}. */
    public static ServerProcess parley(Path work, Optional<Integer> core, String heap, String preset)
            throws IOException, InterruptedException {
        return parley(work, core, heap, preset, false, List.of());
    }

    /**
     * Starts a Parley server with {@code preset} in {@code work}; with {@code metrics} it serves its
     * metrics endpoint ({@link #counters}); {@code jvmOptions} go to its JVM (e.g. a flight recording).
     */
    public static ServerProcess parley(Path work, Optional<Integer> core, String heap, String preset, boolean metrics,
            List<String> jvmOptions) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve(METRICS_PORT));
        List<String> args = new ArrayList<>(List.of(work.resolve("data").toString(), "PORT_FILE", preset));
        if (metrics) {
            args.add(work.resolve(METRICS_PORT).toString());
        }
        return java(work, core, heap, jvmOptions, BenchServerMain.class, args.toArray(String[]::new));
    }

    /** The file a Parley server writes its metrics port to. */
    private static final String METRICS_PORT = "metrics-port";

    /** Its refusal counters when it serves metrics (a Parley server started with them), else none. */
    public ServerCounters counters() throws IOException {
        Path port = work.resolve(METRICS_PORT);
        if (!Files.exists(port)) {
            return ServerCounters.none();
        }
        return new MetricsScrape(new InetSocketAddress("127.0.0.1", Integer.parseInt(Files.readString(port).trim())));
    }

    /**
     * Starts {@code main} in a child JVM on this class path; the argument {@code PORT_FILE} is replaced
     * by the file the server must write its port to.
     */
    public static ServerProcess java(Path work, Optional<Integer> core, String heap, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return java(work, core, heap, List.of(), main, args);
    }

    private static ServerProcess java(Path work, Optional<Integer> core, String heap, List<String> jvmOptions,
            Class<?> main, String... args) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path portFile = work.resolve("port");
        Files.deleteIfExists(portFile);
        List<String> command = new ArrayList<>();
        core.ifPresent(c -> command.addAll(List.of("taskset", "-c", Integer.toString(c))));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        for (String arg : args) {
            command.add(arg.equals("PORT_FILE") ? portFile.toString() : arg);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.size(portFile) == 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the server did not start; see " + work.resolve("server.log"));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readString(portFile).trim());
        return new ServerProcess(process, new InetSocketAddress("127.0.0.1", port), work);
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The JVM's PID (taskset execs it, so the PID is the JVM's own). */
    public long pid() {
        return process.pid();
    }

    /** Its CPU and memory. */
    public ProcessCpu cpu() {
        return new ProcessCpu(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
