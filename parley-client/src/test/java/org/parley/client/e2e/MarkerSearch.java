package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.parley.server.ParleyServer;
import org.slf4j.LoggerFactory;

/**
 * The check behind the "the server sees nothing" tests: alice sends {@code "<marker> from alice"},
 * a random marker, through a fresh server whose every log line is captured. Afterwards neither the
 * server's data directory (database and WAL) nor any log line holds the marker, while the receiving
 * device's own store does, so the byte search is shown to find a message where it is kept.
 */
final class MarkerSearch {
    /** The conversation: sends {@code sent} end to end, waits until it arrived and closes the devices. */
    @FunctionalInterface
    interface Conversation {
        void run(ParleyServer server, String sent) throws Exception;
    }

    private MarkerSearch() {
    }

    static void assertOnlyTheReceiverKeepsIt(Path data, Path receiver, String receiverStore, Conversation conversation)
            throws Exception {
        String marker = "marker-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String sent = marker + " from alice";
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (ParleyServer server = TestServer.start(data)) {
            conversation.run(server, sent);
            assertThat(Files.exists(data.resolve("parley.db-wal"))).isTrue();
            assertThat(E2eePrivateMessagesEndToEndTest.anyFileContains(data, needle)).isFalse();
            byte[] stored = Base64.getEncoder().encode(sent.getBytes(StandardCharsets.UTF_8));
            assertThat(E2eePrivateMessagesEndToEndTest.anyFileContains(receiver, stored))
                    .as("the byte search finds the message where it is kept: " + receiverStore).isTrue();
        } finally {
            root.detachAppender(logs);
        }
        assertThat(E2eePrivateMessagesEndToEndTest.anyFileContains(data, needle)).isFalse();
        assertThat(logs.list).isNotEmpty().noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains(marker));
    }
}
