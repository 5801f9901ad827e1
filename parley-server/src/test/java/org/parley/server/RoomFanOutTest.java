package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Room fan-out with group commit (issue 13), over real loopback connections: several senders
 * writing to one room at once, without waiting for their answers, so that their messages share
 * commits and are fanned out from the room's lane after each commit.
 */
class RoomFanOutTest {
    private static final int SENDERS = 3;
    private static final int PER_SENDER = 150;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults()
            .withChatRates(new RequestRate(10_000, 10_000), ServerLimits.DEFAULT_CHAT_READ_RATE));

    private static String text(ChatEvent.RoomMessage message) {
        return new String(message.message().body().toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentSendersMessagesReachEveryMemberInOneOrderWithEachSendersOrderKeptAndEachAckBeforeItsEcho()
            throws Exception {
        List<TestClient> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            senders.add(fixture.registered("sender" + s));
        }
        TestClient reader = fixture.registered("reader");
        List<TestClient> everyone = new ArrayList<>(senders);
        everyone.add(reader);
        for (TestClient client : everyone) {
            join(client, "lobby");
        }
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            TestClient sender = senders.get(s);
            String prefix = "s" + s + "-";
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < PER_SENDER; i++) {
                    String body = prefix + i;
                    try {
                        sender.request(r -> new ChatRequest.SendRoomMessage(r, "lobby", ContentType.TEXT, Bytes.utf8(body)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Senders that fire without waiting may be refused part of it under load (rate_limited,
        // server_busy: OverloadTest); every message is answered, and every accepted one delivered.
        for (TestClient sender : senders) {
            await().atMost(WAIT).until(() -> accepted(sender).size() + refused(sender) == PER_SENDER);
            assertThat(accepted(sender)).as("a sender's first messages are within every bound").isNotEmpty();
        }
        long total = senders.stream().mapToLong(sender -> accepted(sender).size()).sum();
        for (TestClient client : everyone) {
            await().atMost(WAIT).until(() -> live(client).size() >= total);
        }

        List<String> order = live(reader).stream().map(RoomFanOutTest::text).toList();
        List<Long> ids = live(reader).stream().map(m -> m.message().id()).toList();
        assertThat(ids).hasSize((int) total).isSorted().doesNotHaveDuplicates();
        for (TestClient client : everyone) {
            assertThat(live(client).stream().map(RoomFanOutTest::text).toList()).isEqualTo(order);
        }
        for (int s = 0; s < SENDERS; s++) {
            String prefix = "s" + s + "-";
            List<Integer> own = order.stream().filter(t -> t.startsWith(prefix))
                    .map(t -> Integer.parseInt(t.substring(prefix.length()))).toList();
            assertThat(own).as("sender %d's messages in its own order", s)
                    .hasSize(accepted(senders.get(s)).size()).isSorted();
        }
        for (TestClient sender : senders) {
            List<ChatEvent> events = sender.events();
            List<ChatEvent.Accepted> acks = accepted(sender);
            for (ChatEvent.Accepted ack : acks) {
                int echo = indexOfMessage(events, ack.messageId());
                assertThat(events.indexOf(ack)).as("ack of message %d before its echo", ack.messageId()).isLessThan(echo);
            }
        }
    }

    private static List<ChatEvent.Accepted> accepted(TestClient sender) {
        return sender.events(ChatEvent.Accepted.class).stream().filter(a -> a.messageId() > 0).toList();
    }

    private static long refused(TestClient sender) {
        return sender.events(ChatEvent.Rejected.class).stream()
                .filter(r -> r.code() == ErrorCode.RATE_LIMITED || r.code() == ErrorCode.SERVER_BUSY).count();
    }

    private static List<ChatEvent.RoomMessage> live(TestClient client) {
        return client.events(ChatEvent.RoomMessage.class).stream().filter(m -> !m.history()).toList();
    }

    private static int indexOfMessage(List<ChatEvent> events, long messageId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof ChatEvent.RoomMessage m && !m.history() && m.message().id() == messageId) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
