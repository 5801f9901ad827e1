package org.parley.cli.chat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.parley.client.ServerAddress;
import org.parley.protocol.suite.Preset;

/**
 * One {@code parley chat --json} session driven by a test: lines are piped to its standard input,
 * and every line of its standard output is parsed as JSON (a line that is not JSON is kept apart,
 * so the test can assert there is none).
 */
final class JsonChatClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<String> notJson = new CopyOnWriteArrayList<>();
    private final PipedWriter stdin = new PipedWriter();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    JsonChatClient(int port, String user, String password, boolean register, Path knownServers, boolean trustOnFirstUse) {
        ChatSettings settings = new ChatSettings(new ServerAddress("127.0.0.1", port), user,
                new LoginMethod.Password(password.toCharArray()), register, Optional.empty(), knownServers, trustOnFirstUse,
                Preset.MODERN, List.of("lobby"));
        BufferedReader in;
        try {
            in = new BufferedReader(new PipedReader(stdin));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter out = new PrintWriter(new LineSplitter(), true);
        Thread.ofPlatform().name("json-chat-" + user).start(() -> {
            try {
                exit.complete(new JsonChatRunner(settings).run(in, out));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        });
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Waits for an event matching {@code condition} and returns it. */
    JsonNode awaitEvent(Predicate<JsonNode> condition) {
        await().atMost(WAIT).until(() -> events.stream().anyMatch(condition));
        return events.stream().filter(condition).findFirst().orElseThrow();
    }

    List<JsonNode> ofType(String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    static Predicate<JsonNode> type(String type) {
        return e -> e.path("type").asText().equals(type);
    }

    /** An event of {@code type} whose {@code field} is {@code value}. */
    static Predicate<JsonNode> event(String type, String field, String value) {
        return e -> e.path("type").asText().equals(type) && e.path(field).asText().equals(value);
    }

    static Predicate<JsonNode> ok(String command) {
        return event("ok", "command", command);
    }

    static Predicate<JsonNode> error(String code) {
        return event("error", "code", code);
    }

    static Predicate<JsonNode> joined(String room) {
        return event("joined", "room", room);
    }

    /** Closes standard input, ending the session. */
    @Override
    public void close() throws IOException {
        stdin.close();
    }

    /** Collects output characters and parses each completed line. */
    private final class LineSplitter extends Writer {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    String text = line.toString();
                    line.setLength(0);
                    try {
                        events.add(MAPPER.readTree(text));
                    } catch (IOException e) {
                        notJson.add(text);
                    }
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
