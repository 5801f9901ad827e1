package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * The per-account chat rate limit over real connections, with the default rates (a burst of 20
 * messages, then 5 a second) and a server clock that moves only when the test moves it.
 */
class ChatRateLimitTest {
    private static final int BURST = ServerLimits.DEFAULT_CHAT_SEND_RATE.burst();
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults(), clock);

    private static List<Long> flood(TestClient client, String prefix, int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(client.say("lobby", prefix + i));
        }
        return ids;
    }

    /** Waits until every request in {@code ids} was answered; returns the ids that were accepted. */
    private static Set<Long> answered(TestClient client, List<Long> ids) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> answerOf(client, id) != null));
        return ids.stream().filter(id -> answerOf(client, id) instanceof ChatEvent.Accepted).collect(Collectors.toSet());
    }

    private static ChatEvent answerOf(TestClient client, long id) {
        return client.events().stream()
                .filter(e -> e instanceof ChatEvent.Accepted a && a.requestId() == id
                        || e instanceof ChatEvent.Rejected r && r.requestId() == id)
                .findFirst().orElse(null);
    }

    private static String text(StoredMessage message) {
        return new String(message.body().toByteArray(), StandardCharsets.UTF_8);
    }

    private List<String> auditLines() throws Exception {
        return Files.readAllLines(fixture.dataDirectory().resolve("logs").resolve("audit.jsonl"));
    }

    @Test
    void aFloodIsRefusedWhileAnotherUserInTheRoomStillGetsThroughAndTheFlooderRecoversAfterTheRefill() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        join(alice, "lobby");
        join(bob, "lobby");

        List<Long> flood = flood(alice, "flood ", BURST + 15);
        Set<Long> accepted = answered(alice, flood);

        assertThat(accepted).containsExactlyInAnyOrderElementsOf(flood.subList(0, BURST));
        assertThat(alice.events(ChatEvent.Rejected.class)).hasSize(15)
                .allMatch(r -> r.code() == ErrorCode.RATE_LIMITED);
        assertThat(alice.isClosed()).as("a rate-limited connection stays open").isFalse();

        long fromBob = bob.say("lobby", "bob is not slowed down");
        bob.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == fromBob);
        alice.awaitEvent(ChatEvent.RoomMessage.class, m -> text(m.message()).equals("bob is not slowed down"));

        long refused = alice.say("lobby", "still too soon");
        alice.awaitEvent(ChatEvent.Rejected.class, r -> r.requestId() == refused);
        clock.advance(Duration.ofSeconds(1));
        List<Long> afterRefill = flood(alice, "after refill ", 6);
        assertThat(answered(alice, afterRefill)).as("5 tokens a second").containsExactlyInAnyOrderElementsOf(
                afterRefill.subList(0, 5));

        long page = bob.request(id -> new ChatRequest.FetchHistory(id, new Conversation.InRoom("lobby"), 0, 200));
        List<StoredMessage> history = bob.awaitEvent(ChatEvent.HistoryPage.class, h -> h.requestId() == page).messages();
        assertThat(history).extracting(ChatRateLimitTest::text).containsExactlyInAnyOrderElementsOf(
                expectedHistory());
        assertThat(auditLines()).filteredOn(line -> line.contains("\"event\":\"rate_limited\""))
                .as("one audit event for the burst, not one per refused message").singleElement()
                .satisfies(line -> assertThat(line).contains("\"user\":\"alice\"").contains("\"kind\":\"SEND\"")
                        .doesNotContain("flood"));
    }

    private static List<String> expectedHistory() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            texts.add("flood " + i);
        }
        texts.add("bob is not slowed down");
        for (int i = 0; i < 5; i++) {
            texts.add("after refill " + i);
        }
        return texts;
    }

    @Test
    void allSessionsOfOneAccountShareOneBucket() throws Exception {
        TestClient first = fixture.registered("alice");
        TestClient second = fixture.connect();
        assertThat(second.login("alice", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        join(first, "lobby");

        Set<Long> acceptedFirst = answered(first, flood(first, "first ", 15));
        Set<Long> acceptedSecond = answered(second, flood(second, "second ", 10));

        assertThat(acceptedFirst).hasSize(15);
        assertThat(acceptedSecond).hasSize(BURST - 15);
        assertThat(second.events(ChatEvent.Rejected.class)).hasSize(10 - (BURST - 15))
                .allMatch(r -> r.code() == ErrorCode.RATE_LIMITED);
    }

    @Test
    void aSenderThatIgnoresTheRefusalsIsDisconnectedWithAnAuditEvent() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        join(alice, "lobby");

        flood(alice, "flood ", BURST + 1000);

        alice.awaitClosed();
        assertThat(alice.events(ChatEvent.Notice.class)).singleElement()
                .satisfies(n -> assertThat(n.text()).contains("too many requests"));
        assertThat(alice.events(ChatEvent.Rejected.class)).hasSizeGreaterThanOrEqualTo(999)
                .allMatch(r -> r.code() == ErrorCode.RATE_LIMITED);
        assertThat(bob.isClosed()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> String.join("\n", auditLines()).contains("rate_limit_disconnect"));
        assertThat(auditLines()).filteredOn(line -> line.contains("\"event\":\"rate_limit"))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("\"event\":\"rate_limited\""))
                .anySatisfy(line -> assertThat(line).contains("\"event\":\"rate_limit_disconnect\"")
                        .contains("\"user\":\"alice\""));
    }
}
