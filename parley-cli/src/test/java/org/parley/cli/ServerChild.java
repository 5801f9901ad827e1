package org.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code parley server} running in a child JVM on this test's class path, so that it can be
 * killed with SIGKILL without taking the test down.
 *
 * <p>A reader thread drains the child's standard output for its whole life: the server logs one
 * console line per event, and a full pipe would block its event loop. The same thread reports the
 * "listening" line, so {@link #start} waits on the server itself, not on a guessed delay, and
 * learns from it the port the server bound: the child always asks for port 0, so no port picked
 * beforehand can be taken by another process (or another test's client) before the child binds it.
 */
final class ServerChild implements AutoCloseable {
    private static final String LISTENING = "parley server listening on ";

    private final Process process;
    private final CompletableFuture<String> listening = new CompletableFuture<>();
    private int port;

    private ServerChild(Process process) {
        this.process = process;
        Thread drain = Thread.ofPlatform().daemon().name("server-child-stdout").unstarted(this::drainOutput);
        drain.start();
    }

    /**
     * Starts a server on 127.0.0.1, on a port the system chooses ({@link #port()}), with {@code data}
     * and open registration, and returns once it prints that it is listening (or fails after
     * {@code timeout}). Its message
     * rate limit is raised far above the default: the durability test streams messages as fast as
     * the server commits them, which is what it is about, and a rate limit would only slow it down.
     */
    static ServerChild start(Path data, Path scratch, String name, Duration timeout) throws IOException {
        Path tmp = Files.createDirectories(scratch.resolve(name + "-tmp"));
        Path config = Files.writeString(scratch.resolve(name + ".properties"),
                "limits.chat-send-burst=100000\nlimits.chat-send-per-second=100000\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Native libraries (SQLite, epoll) are unpacked into the temporary directory and deleted
        // at a normal exit; a killed child cannot, so both point into the test's scratch space.
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp, "-Dorg.sqlite.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "server", "--bind", "127.0.0.1", "--port", "0", "--data", data.toString(),
                "--registration", "open", "--config", config.toString())
                .redirectError(scratch.resolve(name + ".err").toFile());
        ServerChild child = new ServerChild(builder.start());
        try {
            child.port = boundPort(child.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            child.close();
            throw new IOException("the server child did not start listening (see " + name + ".err)", e);
        } catch (InterruptedException e) {
            child.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the server child", e);
        }
        return child;
    }

    /** The port this server listens on, read from its "listening" line. */
    int port() {
        return port;
    }

    /** The port in "parley server listening on /127.0.0.1:40123 (preset …)". */
    private static int boundPort(String listeningLine) throws IOException {
        String address = listeningLine.substring(LISTENING.length()).split(" ", 2)[0];
        try {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new IOException("no port in the server child's line: " + listeningLine, e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no close of the store. Returns the exit status. */
    int kill(Duration timeout) throws InterruptedException {
        process.toHandle().destroyForcibly();
        return exitStatus(timeout);
    }

    /** SIGTERM: the server's shutdown hook closes it gracefully. Returns the exit status. */
    int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return exitStatus(timeout);
    }

    private int exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server child did not exit within " + timeout);
        }
        return process.exitValue();
    }

    private void drainOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(LISTENING)) {
                    listening.complete(line);
                }
            }
            listening.completeExceptionally(new IOException("the server child closed its output"));
        } catch (IOException e) {
            listening.completeExceptionally(new UncheckedIOException(e));
        }
    }

    /** Makes sure the child is gone, whatever happened. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
