package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.QueuedEnvelope;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/** The end-to-end maxima a real server enforces: devices per account, and queue pages that fit one event. */
class E2eLimitsTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    private TestClient login(String user) throws Exception {
        TestClient client = fixture.connect();
        assertThat(client.login(user, ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        return client;
    }

    @Test
    void anEleventhDeviceIsRefusedUntilOneIsRemoved() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 100));
        TestClient first = fixture.registered("alice");
        List<Long> ids = new ArrayList<>(List.of(new TestDevice().add(first, "device 1")));
        for (int i = 2; i <= ChatLimits.MAX_DEVICES; i++) {
            ids.add(new TestDevice().add(login("alice"), "device " + i));
        }
        TestClient eleventh = login("alice");
        TestDevice extra = new TestDevice();

        long refused = extra.requestAdd(eleventh, "one too many", extra.proof(eleventh.channelBinding()));
        ChatEvent.Rejected rejection = answer(eleventh, refused, ChatEvent.Rejected.class);
        long remove = first.request(r -> new ChatRequest.RemoveDevice(r, 1));
        answer(first, remove, ChatEvent.Accepted.class);
        long added = extra.add(eleventh, "one too many");

        assertThat(ids).hasSize(ChatLimits.MAX_DEVICES).doesNotHaveDuplicates();
        assertThat(rejection.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
        assertThat(added).isEqualTo(ChatLimits.MAX_DEVICES + 1);
    }

    @Test
    void aLongQueueArrivesInPagesThatEachFitOneEvent() throws Exception {
        fixture.start(ServerLimits.defaults().withMaxMessageBytes(8192));
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        new TestDevice().add(alice, "laptop");
        TestDevice phone = new TestDevice();
        long bobsPhone = phone.add(bob, "phone");
        bob.close();
        for (int i = 0; i < 5; i++) {
            Bytes envelope = Bytes.wrapOwned(new byte[3000]);
            E2eEnvelopeTest.send(alice, "bob", List.of(new EnvelopeTarget("bob", bobsPhone, envelope)),
                    ChatEvent.Accepted.class);
        }

        TestClient again = login("bob");
        phone.bind(again, bobsPhone);
        ChatEvent.EnvelopeBatch pushed = again.awaitEvent(ChatEvent.EnvelopeBatch.class, b -> true);
        ChatEvent.EnvelopePage first = new ChatEvent.EnvelopePage(0, pushed.envelopes(), pushed.more());
        long secondRequest = again.request(r -> new ChatRequest.FetchEnvelopes(r, first.envelopes().getLast().id()));
        ChatEvent.EnvelopePage second = answer(again, secondRequest, ChatEvent.EnvelopePage.class);
        long thirdRequest = again.request(r -> new ChatRequest.FetchEnvelopes(r, second.envelopes().getLast().id()));
        ChatEvent.EnvelopePage third = answer(again, thirdRequest, ChatEvent.EnvelopePage.class);

        assertThat(List.of(first, second, third)).extracting(b -> b.envelopes().size()).containsExactly(2, 2, 1);
        assertThat(List.of(first, second, third)).extracting(ChatEvent.EnvelopePage::more).containsExactly(true, true, false);
        assertThat(List.of(first, second, third)).flatExtracting(ChatEvent.EnvelopePage::envelopes)
                .extracting(QueuedEnvelope::id).isSorted().doesNotHaveDuplicates().hasSize(5);
    }
}
