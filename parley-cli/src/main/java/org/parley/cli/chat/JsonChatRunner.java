package org.parley.cli.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.parley.client.ParleyClient;

/**
 * Runs {@code parley chat --json}: lines from standard input are commands or text for the current
 * room, events go to standard output as JSON lines ({@link JsonView}). Ends when input closes, on
 * {@code /quit}, or when the server disconnects.
 *
 * <p>Input is read on its own thread into a queue that the server's disconnection also signals,
 * so the loop ends promptly either way without polling.
 */
public final class JsonChatRunner {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);

    private final ChatSettings settings;

    public JsonChatRunner(ChatSettings settings) {
        this.settings = settings;
    }

    /** One thing for the loop: an input line, the end of input, or the end of the connection. */
    private record Incoming(Optional<String> line, boolean disconnected, Optional<String> inputError) {
        static Incoming endOfInput() {
            return new Incoming(Optional.empty(), false, Optional.empty());
        }
    }

    /** Runs the session; returns the exit status (0 after end of input or /quit, 1 on failure). */
    public int run(BufferedReader in, PrintWriter out) throws InterruptedException {
        JsonView view = new JsonView(out);
        EchoTracker echoes = new EchoTracker();
        BlockingQueue<Incoming> queue = new LinkedBlockingQueue<>();
        ViewListener listener = new ViewListener(view, echoes, reason -> queue.add(new Incoming(Optional.empty(), true, Optional.empty())));
        Optional<ParleyClient> opened = new ChatConnector(settings, view, Optional.empty(), Optional::empty).open(listener);
        if (opened.isEmpty()) {
            return 1;
        }
        ParleyClient client = opened.get();
        try {
            ChatController controller = new ChatController(client, view, echoes, REQUEST_TIMEOUT, key -> Optional.empty());
            for (String room : settings.join()) {
                controller.handle(new ChatInput.Join(room));
            }
            Thread.ofPlatform().daemon().name("parley-stdin").start(() -> readLines(in, queue));
            boolean going = true;
            while (going) {
                Incoming next = queue.take();
                if (next.disconnected()) {
                    return 1;
                }
                if (next.line().isEmpty()) {
                    next.inputError().ifPresent(error -> view.error("INPUT", error));
                    view.disconnected("end of input");
                    break;
                }
                going = controller.handle(ChatInputParser.parse(next.line().get()));
                if (!going) {
                    view.disconnected("quit");
                }
            }
            return 0;
        } finally {
            ChatConnector.closeIfOpen(client);
        }
    }

    private static void readLines(BufferedReader in, BlockingQueue<Incoming> queue) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                queue.add(new Incoming(Optional.of(line), false, Optional.empty()));
            }
            queue.add(Incoming.endOfInput());
        } catch (IOException e) {
            queue.add(new Incoming(Optional.empty(), false, Optional.of("reading standard input failed: " + e.getMessage())));
        }
    }
}
