package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.record.InnerType;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Batch records over real connections (docs/PROTOCOL.md, Section 10.5.1): a client that sent
 * {@code set_delivery_options} with bit 0 gets consecutive messages of one flush in batch records,
 * a client that did not never gets one, and both see the same events in the same order. The inner
 * types are counted on the wire by a second reader holding the server's key ({@code TestClient}).
 */
class BatchDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MESSAGES = 120;

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults()
            .withChatRates(new RequestRate(10_000, 10_000), ServerLimits.DEFAULT_CHAT_READ_RATE));

    @Test
    void aClientThatOptedInGetsBatchRecordsAndOneThatDidNotNeverDoesWithTheSameEventsInTheSameOrder() throws Exception {
        TestClient sender = fixture.registered("sender");
        join(sender, "lobby");
        for (int i = 0; i < 5; i++) {
            say(sender, "lobby", "before " + i);
        }
        await().atMost(WAIT).until(() -> sender.events(ChatEvent.Accepted.class).stream().filter(a -> a.messageId() > 0).count() == 5);
        TestClient batching = fixture.registered("batching");
        long optIn = batching.acceptBatchRecords();
        batching.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == optIn);
        TestClient plain = fixture.registered("plain");

        // The answer to a join and the history it announces are queued as one unit: one flush, one batch.
        join(batching, "lobby");
        join(plain, "lobby");
        for (int i = 0; i < MESSAGES; i++) {
            say(sender, "lobby", "live " + i);
        }
        await().atMost(WAIT).until(() -> rooms(batching).size() == 5 + MESSAGES && rooms(plain).size() == 5 + MESSAGES);

        assertThat(batching.recordsReceived(InnerType.APPLICATION_BATCH)).as("batch records to the client that opted in")
                .isPositive();
        assertThat(plain.recordsReceived(InnerType.APPLICATION_BATCH)).as("batch records to the client that did not").isZero();
        assertThat(plain.recordsReceived(InnerType.APPLICATION_FINAL)).isPositive();
        assertThat(texts(batching)).isEqualTo(texts(plain)).hasSize(5 + MESSAGES);
        assertThat(texts(plain).subList(5, 5 + MESSAGES)).isEqualTo(
                java.util.stream.IntStream.range(0, MESSAGES).mapToObj(i -> "live " + i).toList());
    }

    @Test
    void turningTheOptionOffAgainStopsBatchRecords() throws Exception {
        TestClient sender = fixture.registered("sender");
        join(sender, "lobby");
        for (int i = 0; i < 5; i++) {
            say(sender, "lobby", "history " + i);
        }
        await().atMost(WAIT).until(() -> sender.events(ChatEvent.Accepted.class).stream().filter(a -> a.messageId() > 0).count() == 5);
        TestClient client = fixture.registered("toggler");
        long on = client.acceptBatchRecords();
        client.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == on);
        long off = client.request(id -> new ChatRequest.SetDeliveryOptions(id, 0));
        client.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == off);
        long batchesBefore = client.recordsReceived(InnerType.APPLICATION_BATCH);

        // Answer and history as one unit: a batch record had the option still been on (the test above).
        join(client, "lobby");
        await().atMost(WAIT).until(() -> rooms(client).size() == 5);

        assertThat(client.recordsReceived(InnerType.APPLICATION_BATCH)).isEqualTo(batchesBefore);
        assertThat(client.recordsReceived(InnerType.APPLICATION_FINAL)).isGreaterThanOrEqualTo(6);
    }

    private static void say(TestClient client, String room, String text) throws java.io.IOException {
        client.request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, Bytes.utf8(text)));
    }

    private static List<ChatEvent.RoomMessage> rooms(TestClient client) {
        return client.events(ChatEvent.RoomMessage.class);
    }

    private static List<String> texts(TestClient client) {
        return rooms(client).stream()
                .map(m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8)).toList();
    }
}
