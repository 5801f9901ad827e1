package org.parley.lab.scenario;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.parley.lab.LabTarget;
import org.parley.protocol.identity.Fingerprint;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;
import org.parley.server.store.MessageStore;

/**
 * A lab server of one scenario's own, on 127.0.0.1, that the scenario stops and starts again on the
 * same data directory and port, with its message history seen through {@code messages} (the real
 * store, or a broken variant's view of it). The server stops with {@link ParleyServer#close()}:
 * in-process the lab cannot kill it, so the scenario first cuts every connection it has (the
 * clients reach it only through the lab's relays), and its goodbye reaches no one.
 */
final class RestartingServer implements AutoCloseable {
    private final ServerSettings settings;
    private final UnaryOperator<MessageStore> messages;
    private final Fingerprint fingerprint;
    private ParleyServer running;

    private RestartingServer(ServerSettings settings, UnaryOperator<MessageStore> messages, ParleyServer first) {
        this.settings = settings.withBind(first.address());
        this.messages = messages;
        this.fingerprint = first.keys().getFirst().fingerprint();
        this.running = first;
    }

    /** Starts the server on an ephemeral port with its data under {@code data}. */
    static RestartingServer start(Path data, UnaryOperator<MessageStore> messages) throws IOException {
        ServerSettings settings = LabTarget.labServer(data, new InetSocketAddress("127.0.0.1", 0));
        return new RestartingServer(settings, messages, launch(settings, messages));
    }

    private static ParleyServer launch(ServerSettings settings, UnaryOperator<MessageStore> messages)
            throws IOException {
        return ParleyServer.start(settings, Clock.systemUTC(), UnaryOperator.identity(), messages);
    }

    /** Where it listens, before and after a restart. */
    InetSocketAddress address() {
        return settings.bind();
    }

    /** The fingerprint of the key a MODERN client sees (the same after a restart: it is in the data directory). */
    Fingerprint fingerprint() {
        return fingerprint;
    }

    /** Stops the server (its data directory stays as it is). */
    synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Starts it again on the same data directory and port, after {@link #stop()}. */
    synchronized void startAgain() throws IOException {
        if (running != null) {
            throw new IllegalStateException("the server is running");
        }
        running = launch(settings, messages);
    }

    @Override
    public void close() {
        stop();
    }
}
