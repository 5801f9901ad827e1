package org.parley.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.QueuedEnvelope;
import org.parley.server.ServerLimits;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.RoomMember;
import org.parley.server.testing.ServerFixture;

/**
 * Envelopes reach a device in id order, whichever request queued them (docs/PROTOCOL.md 14.8,
 * 14.9): a client acknowledges, without reading it, an envelope at or below the highest id it
 * handled (E2EE.md §20.4), so a lower id pushed after a higher one would be a lost message. Room
 * keys start on their room's lane and private envelopes on the end-to-end lane; both must queue
 * and push on the one lane that owns the queues.
 */
class EnvelopePushOrderTest {
    private static final int EACH = 60;

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults()
            .withChatRates(new RequestRate(1_000, 1_000), ServerLimits.DEFAULT_CHAT_READ_RATE));

    @Test
    void roomKeysAndPrivateEnvelopesSentTogetherArePushedToTheDeviceInIdOrder() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomMember carol = RoomMember.registered(fixture, "carol");
        EncryptedRoomTrafficTest.aliceAndBob(alice, bob);
        List<Long> requests = new ArrayList<>();
        List<Long> carols = new ArrayList<>();

        for (int i = 0; i < EACH; i++) {
            Bytes key = Bytes.wrapOwned(new byte[] {1, (byte) i});
            Bytes message = Bytes.wrapOwned(new byte[] {2, (byte) i});
            requests.add(alice.client().request(id -> new ChatRequest.SendRoomKeys(id, "open",
                    List.of(new EnvelopeTarget("bob", bob.deviceId(), key)))));
            carols.add(carol.client().request(id -> new ChatRequest.SendEnvelopes(id, "bob",
                    List.of(new EnvelopeTarget("bob", bob.deviceId(), message)))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pushed(bob).size() == 2 * EACH);
        List<Long> ids = pushed(bob).stream().map(QueuedEnvelope::id).toList();

        assertThat(alice.client().events(ChatEvent.Accepted.class)).filteredOn(a -> requests.contains(a.requestId()))
                .hasSize(EACH);
        assertThat(carol.client().events(ChatEvent.Accepted.class)).filteredOn(a -> carols.contains(a.requestId()))
                .hasSize(EACH);
        assertThat(ids).as("the ids in the order bob's device received them").isSorted().doesNotHaveDuplicates();
    }

    private static List<QueuedEnvelope> pushed(RoomMember member) {
        return member.client().events(ChatEvent.EnvelopeBatch.class).stream()
                .flatMap(batch -> batch.envelopes().stream()).toList();
    }
}
