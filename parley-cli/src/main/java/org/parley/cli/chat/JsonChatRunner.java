package org.parley.cli.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.parley.client.ParleySession;

/**
 * Runs {@code parley chat --json}: lines from standard input are commands or text for the current
 * room, events go to standard output as JSON lines ({@link JsonView}). Ends when input closes, on
 * {@code /quit}, or when the server disconnects; it does not reconnect.
 *
 * <p>Input is read on its own thread into a queue that the session's end also signals, so the
 * loop ends promptly either way without polling. Only this loop prints {@code disconnected}, and
 * only after the session reported its end, which comes after the connection's last event: so
 * {@code disconnected} is always the last line (docs/CLI.md).
 */
public final class JsonChatRunner {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);

    private final ChatSettings settings;

    public JsonChatRunner(ChatSettings settings) {
        this.settings = settings;
    }

    /** One thing for the loop: an input line, the end of input (perhaps with a read error), or the session's end. */
    private sealed interface Incoming {
        record Line(String text) implements Incoming {
            /** Shows the length only: a line may be a message or a {@code /passwd} with passwords. */
            @Override
            public String toString() {
                return "Line[" + text.length() + " chars]";
            }
        }

        record EndOfInput(Optional<String> error) implements Incoming {
        }

        /** The session ended: every event of its connection has been printed. */
        record Closed(SessionEnd end) implements Incoming {
        }
    }

    /** Runs the session; returns the exit status (0 after end of input or /quit, 1 on failure or a server disconnect). */
    public int run(BufferedReader in, PrintWriter out) throws InterruptedException {
        JsonView view = new JsonView(out);
        EchoTracker echoes = new EchoTracker();
        BlockingQueue<Incoming> queue = new LinkedBlockingQueue<>();
        JoinGate gate = new JoinGate();
        ViewListener listener = new ViewListener(view, echoes, gate, end -> queue.add(new Incoming.Closed(end)));
        ChatConnector connector = new ChatConnector(settings, view, Optional.empty(), Optional::empty, Optional.empty());
        Optional<ParleySession> opened = connector.open(listener);
        if (opened.isEmpty()) {
            return 1;
        }
        ParleySession session = opened.get();
        ChatController controller = new ChatController(session, view, echoes, gate, REQUEST_TIMEOUT, key -> Optional.empty());
        listener.whenRoomDropped(controller::dropped);
        for (String room : settings.join()) {
            controller.handle(new ChatInput.Join(room));
        }
        Thread.ofPlatform().daemon().name("parley-stdin").start(() -> readLines(in, queue));
        while (true) {
            String ending;
            switch (queue.take()) {
                case Incoming.Closed closed -> {
                    connector.ended(closed.end());
                    return 1;
                }
                case Incoming.Line line -> {
                    if (controller.handle(ChatInputParser.parse(line.text()))) {
                        continue;
                    }
                    ending = "quit";
                }
                case Incoming.EndOfInput end -> {
                    end.error().ifPresent(error -> view.error("INPUT", error));
                    ending = "end of input";
                }
            }
            return finish(session, controller, connector, view, queue, ending);
        }
    }

    /**
     * Ends the session ourselves, after the events the server sent so far were printed; the exit
     * status is 1, with the server's reason, if the server had already ended the connection.
     */
    private static int finish(ParleySession session, ChatController controller, ChatConnector connector, JsonView view,
            BlockingQueue<Incoming> queue, String reason) throws InterruptedException {
        controller.drain();
        // A connection the server ended is marked closed before any waiting request fails.
        boolean endedByServer = !session.client().isConnected();
        session.closeAsync(reason);
        while (true) {
            if (queue.take() instanceof Incoming.Closed closed) {
                if (!endedByServer) {
                    view.disconnected(reason);
                    return 0;
                }
                connector.ended(closed.end());
                return 1;
            }
        }
    }

    private static void readLines(BufferedReader in, BlockingQueue<Incoming> queue) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                queue.add(new Incoming.Line(line));
            }
            queue.add(new Incoming.EndOfInput(Optional.empty()));
        } catch (IOException e) {
            queue.add(new Incoming.EndOfInput(Optional.of("reading standard input failed: " + e.getMessage())));
        }
    }
}
