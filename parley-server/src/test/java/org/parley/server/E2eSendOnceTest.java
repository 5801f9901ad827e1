package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.QueuedEnvelope;
import org.parley.protocol.chat.SendId;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/** Envelopes sent once over real connections (PROTOCOL.md 14.5, "Sending once"; 14.8). */
class E2eSendOnceTest {
    private static final SendId ONCE = new SendId(Bytes.fromHex("e2".repeat(SendId.LENGTH)));

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    private static ChatEvent sendOnce(TestClient from, List<EnvelopeTarget> targets) throws Exception {
        long request = from.request(r -> new ChatRequest.SendEnvelopes(r, "bob", targets, Optional.of(ONCE)));
        return answer(from, request, ChatEvent.Answer.class);
    }

    @Test
    void aRepeatOnANewConnectionIsAnsweredWithTheFirstIdAndQueuesNothingMore() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        TestDevice laptop = new TestDevice();
        long aliceOne = laptop.add(alice, "laptop");
        long bobOne = new TestDevice().add(bob, "phone");
        List<EnvelopeTarget> toBob = List.of(new EnvelopeTarget("bob", bobOne, Bytes.fromHex("c0ffee")));
        long first = ((ChatEvent.Accepted) sendOnce(alice, toBob)).messageId();
        alice.close();
        TestClient again = fixture.connect();
        assertThat(again.login("alice", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        laptop.bind(again, aliceOne);

        ChatEvent repeat = sendOnce(again, toBob);

        assertThat(repeat).isInstanceOf(ChatEvent.Accepted.class);
        assertThat(((ChatEvent.Accepted) repeat).messageId()).isEqualTo(first);
        long fetch = bob.request(r -> new ChatRequest.FetchEnvelopes(r, 0));
        List<QueuedEnvelope> queued = answer(bob, fetch, ChatEvent.EnvelopePage.class).envelopes();
        assertThat(queued).extracting(QueuedEnvelope::id).containsExactly(first);
    }

    @Test
    void aRepeatWithOtherEnvelopesIsRefusedAndAMismatchedFirstIsForgotten() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        new TestDevice().add(alice, "laptop");
        long bobOne = new TestDevice().add(bob, "phone");
        List<EnvelopeTarget> wrongDevice = List.of(new EnvelopeTarget("bob", bobOne + 1, Bytes.fromHex("aa")));
        List<EnvelopeTarget> right = List.of(new EnvelopeTarget("bob", bobOne, Bytes.fromHex("aa")));

        ChatEvent mismatch = sendOnce(alice, wrongDevice);
        ChatEvent stored = sendOnce(alice, right);
        ChatEvent reused = sendOnce(alice, List.of(new EnvelopeTarget("bob", bobOne, Bytes.fromHex("bb"))));

        assertThat(mismatch).as("nothing stored: the id stays free").isInstanceOf(ChatEvent.DeviceMismatch.class);
        assertThat(stored).isInstanceOf(ChatEvent.Accepted.class);
        assertThat(reused).isInstanceOf(ChatEvent.Rejected.class);
        assertThat(((ChatEvent.Rejected) reused).code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(bob.awaitEvent(ChatEvent.EnvelopeBatch.class, b -> !b.envelopes().isEmpty()).envelopes())
                .extracting(QueuedEnvelope::envelope).containsExactly(Bytes.fromHex("aa"));
    }
}
