package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.WriteLock;

/**
 * Graceful overload (issue 13 §3), over real loopback connections: a sender with too many
 * messages in flight is paused, then refused {@code rate_limited} for its excess while others
 * still get through; a room whose backlog waited too long refuses new messages {@code server_busy}
 * at once instead of queueing them; and once the load is gone, messages flow again. The overload
 * is made deterministic by holding SQLite's write lock from a second connection (a stalled disk):
 * nothing commits, so nothing leaves the server's queues until the test lets it.
 */
class OverloadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Requests the flooder writes in one go. */
    private static final int FLOOD = 2_000;
    /**
     * What one connection can have in flight: the pause mark (256, net.NettySessionLink) plus what one socket read of
     * at most 16 KiB still brings once reading is paused (room messages of this test are over 40 bytes).
     */
    private static final int IN_FLIGHT_BOUND = 256 + 16 * 1024 / 40;

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults()
            .withChatRates(new RequestRate(100_000, 100_000), ServerLimits.DEFAULT_CHAT_READ_RATE));

    @Test
    void aFloodingSenderIsPushedBackThenRefusedWhileTheRoomsBacklogIsBoundedAndEverythingAcceptedIsDelivered()
            throws Exception {
        TestClient flooder = fixture.registered("flooder");
        TestClient polite = fixture.registered("polite");
        TestClient reader = fixture.registered("reader");
        for (TestClient client : List.of(flooder, polite, reader)) {
            join(client, "lobby");
        }
        try (WriteLock stall = WriteLock.take(fixture.dataDirectory().resolve("parley.db"))) {
            // All in one write: sent one by one, a slow test machine can take so long between them that the room's
            // age bound refuses them (server_busy) before the connection ever has 256 in flight to be paused for.
            flooder.sayAll("lobby", IntStream.range(0, FLOOD).mapToObj(i -> "flood " + i).toList());
            long ping = flooder.request(ChatRequest.Ping::new);
            await().atMost(WAIT).until(() -> answered(flooder, ping));
            // Every earlier request of the flooder was read before its Ping, and refused or queued.
            assertThat(rejected(flooder, ErrorCode.RATE_LIMITED)).as("paused, then refused").isPositive();
            long refused = refused(flooder);
            assertThat(FLOOD - refused).as("flooder's messages in flight").isBetween(1L, (long) IN_FLIGHT_BOUND);
            assertThat(flooder.events(ChatEvent.Accepted.class)).as("nothing committed yet").hasSize(1);

            // The room's oldest message now waits for the disk: past its age bound, the room refuses at once.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                polite.say("lobby", "polite while stalled");
                return rejected(polite, ErrorCode.SERVER_BUSY) > 0;
            });
            assertThat(rejected(polite, ErrorCode.RATE_LIMITED)).as("the per-sender bound spares a polite sender").isZero();
        }

        long flooderAccepted = accepted(flooder);
        long politeAccepted = accepted(polite);
        await().atMost(WAIT).until(() -> accepted(flooder) + refused(flooder) == FLOOD);
        long flooderAcceptedAfter = accepted(flooder);
        assertThat(flooderAcceptedAfter).as("every message in flight committed").isEqualTo(FLOOD - refused(flooder));
        await().atMost(WAIT).until(() -> live(reader).size() == flooderAcceptedAfter + accepted(polite));
        assertThat(flooderAccepted).isLessThanOrEqualTo(flooderAcceptedAfter);
        assertThat(politeAccepted).isLessThanOrEqualTo(accepted(polite));

        // Recovery: with the backlog gone, both senders' next messages are accepted and delivered.
        long politeAgain = polite.say("lobby", "polite after the flood");
        long flooderAgain = flooder.say("lobby", "flooder after the flood");
        await().atMost(WAIT).until(() -> acceptedId(polite, politeAgain) && acceptedId(flooder, flooderAgain));
        await().atMost(WAIT).until(() -> live(reader).stream().anyMatch(m -> text(m).equals("polite after the flood"))
                && live(reader).stream().anyMatch(m -> text(m).equals("flooder after the flood")));
    }

    @Test
    void aPoliteSendersMessagesKeepFlowingWhileAnotherSenderFloodsTheSameRoom() throws Exception {
        TestClient flooder = fixture.registered("flooder");
        TestClient polite = fixture.registered("polite");
        TestClient reader = fixture.registered("reader");
        for (TestClient client : List.of(flooder, polite, reader)) {
            join(client, "lobby");
        }
        Thread flood = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < FLOOD; i++) {
                try {
                    flooder.say("lobby", "flood " + i);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        int politeMessages = 20;
        for (int i = 0; i < politeMessages; i++) {
            String text = "polite " + i;
            // A room past its backlog bound refuses everyone alike (server_busy): a client tries again later.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
                long id = polite.say("lobby", text);
                await().atMost(WAIT).until(() -> answered(polite, id));
                return acceptedId(polite, id);
            });
        }
        flood.join();

        assertThat(rejected(polite, ErrorCode.RATE_LIMITED)).as("the per-sender bound spares a polite sender").isZero();
        await().atMost(WAIT).until(() -> accepted(flooder) + refused(flooder) == FLOOD);
        long delivered = accepted(flooder) + politeMessages;
        await().atMost(WAIT).until(() -> live(reader).size() == delivered);
        for (int i = 0; i < politeMessages; i++) {
            String text = "polite " + i;
            assertThat(live(reader)).as(text).anyMatch(m -> text(m).equals(text));
        }
    }

    private static long refused(TestClient client) {
        return rejected(client, ErrorCode.RATE_LIMITED) + rejected(client, ErrorCode.SERVER_BUSY);
    }

    private static boolean answered(TestClient client, long requestId) {
        return client.events(ChatEvent.Answer.class).stream().anyMatch(a -> a.requestId() == requestId);
    }

    private static boolean acceptedId(TestClient client, long requestId) {
        return client.events(ChatEvent.Accepted.class).stream().anyMatch(a -> a.requestId() == requestId);
    }

    private static long accepted(TestClient client) {
        return client.events(ChatEvent.Accepted.class).stream().filter(a -> a.messageId() > 0).count();
    }

    private static long rejected(TestClient client, ErrorCode code) {
        return client.events(ChatEvent.Rejected.class).stream().filter(r -> r.code() == code).count();
    }

    private static List<ChatEvent.RoomMessage> live(TestClient client) {
        return client.events(ChatEvent.RoomMessage.class).stream().filter(m -> !m.history()).toList();
    }

    private static String text(ChatEvent.RoomMessage message) {
        return new String(message.message().body().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
