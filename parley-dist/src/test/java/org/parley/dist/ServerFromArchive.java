package org.parley.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code parley server} started from the unpacked archive. A reader thread drains its standard
 * output for its whole life (a full pipe would block the server) into a queue the test reads.
 */
final class ServerFromArchive implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^parley server listening on \\S*:(\\d+) \\(");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread drainer;

    private ServerFromArchive(Process process) {
        this.process = process;
        this.drainer = Thread.ofPlatform().daemon().name("archive-server-stdout").start(this::drain);
    }

    static ServerFromArchive start(UnpackedRelease release, Path errors, List<String> args) throws IOException {
        Process process = release.command(release.root().resolve("bin/parley"), Map.of(), args)
                .redirectError(errors.toFile()).start();
        return new ServerFromArchive(process);
    }

    private void drain() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                printed.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port from the "listening" line, waiting for it up to {@code seconds}; empty if it never came. */
    Optional<Integer> awaitPort(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Optional.of(Integer.parseInt(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    /** SIGTERM (what systemctl stop sends), then the exit status. */
    int stop(long seconds) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output pipe.
        process.toHandle().destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        drainer.join(TimeUnit.SECONDS.toMillis(seconds));
        return process.exitValue();
    }

    /** Every line printed so far, read or not. */
    List<String> printed() {
        return List.copyOf(printed);
    }

    /** The lines printed after the ones already read (all of them once {@link #stop} returned). */
    List<String> remainingLines() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(30);
        }
    }
}
