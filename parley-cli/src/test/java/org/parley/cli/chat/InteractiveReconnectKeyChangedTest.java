package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.Messages;
import org.parley.client.ServerAddress;
import org.parley.protocol.suite.Preset;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/**
 * The terminal client, logged in, reconnects to a server on the same address whose key changed:
 * it shows the changed-key warning in the user's language, as at login, not the library's English text.
 */
class InteractiveReconnectKeyChangedTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void aReconnectRefusedForAChangedKeyShowsTheLocalizedWarningAndEndsWithStatusOne() throws Exception {
        ParleyServer first = start(directory.resolve("first"), 0);
        int port = first.address().getPort();
        Messages text = Messages.forLocale(Locale.SIMPLIFIED_CHINESE);
        ChatSettings settings = new ChatSettings(new ServerAddress("127.0.0.1", port), "alice",
                new LoginMethod.Password(JsonChatServer.PASSWORD.toCharArray()), true, Optional.empty(),
                directory.resolve("known_servers"), true, Preset.MODERN, List.of("lobby"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParleyServer impostor = null;
        try (PipedOutputStream keyboard = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(keyboard);
                Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb").streams(in, out)
                        .encoding(StandardCharsets.UTF_8).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("parley").build();
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return new InteractiveChatRunner(settings, terminal, reader, text).run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, command -> Thread.ofPlatform().name("chat-runner").start(command));
            String lost = text.get("connection.lost", "").substring(0, 6);
            await().atMost(TIMEOUT).until(() -> shown(out, terminal).contains("已加入"));

            first.close();
            await().atMost(TIMEOUT).until(() -> shown(out, terminal).contains(lost));
            impostor = start(directory.resolve("impostor"), port);

            assertThat(status.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
            String ended = text.get("disconnected", "").substring(0, 6);
            await().atMost(TIMEOUT).until(() -> shown(out, terminal).contains(ended));
            String shown = shown(out, terminal);
            assertThat(shown).contains(text.get("keyChanged.title", "127.0.0.1:" + port))
                    .contains(text.get("keyChanged.risk"))
                    .contains(text.get("disconnected", "server key changed"))
                    .doesNotContain("WARNING: the key of").doesNotContain("not reconnecting");
        } finally {
            first.close();
            if (impostor != null) {
                impostor.close();
            }
        }
    }

    private static String shown(ByteArrayOutputStream out, Terminal terminal) {
        terminal.writer().flush();
        terminal.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ParleyServer start(Path data, int port) throws IOException {
        return ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", port)));
    }
}
