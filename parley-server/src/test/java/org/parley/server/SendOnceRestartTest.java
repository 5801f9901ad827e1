package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.ServerFixture.join;
import static org.parley.server.testing.TestDevice.answer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.QueuedEnvelope;
import org.parley.protocol.chat.SendId;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.chat.SendOnce;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/**
 * Sending once across a restart of the server (docs/PROTOCOL.md 14.5): the answer to a stored send
 * is lost because the server stopped right after its commit, and the client repeats it to the new
 * server, which answers with the first's id and stores nothing.
 */
class SendOnceRestartTest {
    private static final SendId ONCE = new SendId(Bytes.fromHex("a5".repeat(SendId.LENGTH)));
    private static final String TRANSFER = "transfer 100 yuan";
    private final ManualClock clock = new ManualClock(Instant.now());

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest(clock);

    private static ChatEvent sayOnce(TestClient from, String text) throws Exception {
        long request = from.request(r -> new ChatRequest.SendRoomMessage(r, "lobby", ContentType.TEXT, Bytes.utf8(text),
                Optional.of(ONCE)));
        return answer(from, request, ChatEvent.Answer.class);
    }

    private TestClient login(String user) throws Exception {
        TestClient client = fixture.connect();
        assertThat(client.login(user, ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        return client;
    }

    private static String text(StoredMessage message) {
        return new String(message.body().toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void aRoomMessageRepeatedToTheRestartedServerIsAnsweredWithItsIdAndStoredAndDeliveredOnce() throws Exception {
        fixture.start(ServerLimits.defaults());
        join(fixture.registered("bob"), "lobby");
        TestClient alice = fixture.registered("alice");
        join(alice, "lobby");
        long first = answer(alice, alice.request(r -> new ChatRequest.SendRoomMessage(r, "lobby", ContentType.TEXT,
                Bytes.utf8(TRANSFER), Optional.of(ONCE))), ChatEvent.Accepted.class).messageId();

        fixture.restart();
        TestClient bob = login("bob");
        join(bob, "lobby");
        TestClient again = login("alice");
        ChatEvent repeat = sayOnce(again, TRANSFER);
        ChatEvent reused = sayOnce(again, "transfer 900 yuan");
        long marker = again.say("lobby", "marker");

        assertThat(repeat).isEqualTo(new ChatEvent.Accepted(((ChatEvent.Answer) repeat).requestId(), first));
        assertThat(reused).isInstanceOfSatisfying(ChatEvent.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        answer(again, marker, ChatEvent.Accepted.class);
        // The room's messages reach bob in order: had the repeat been stored, it would come before the marker.
        bob.awaitEvent(ChatEvent.RoomMessage.class, m -> !m.history() && text(m.message()).equals("marker"));
        assertThat(bob.events(ChatEvent.RoomMessage.class)).filteredOn(m -> !m.history())
                .extracting(m -> text(m.message())).containsExactly("marker");
        long history = again.request(r -> new ChatRequest.FetchHistory(r, new Conversation.InRoom("lobby"), 0, 50));
        assertThat(answer(again, history, ChatEvent.HistoryPage.class).messages())
                .filteredOn(m -> text(m).startsWith("transfer")).extracting(StoredMessage::id).containsExactly(first);
    }

    @Test
    void envelopesRepeatedToTheRestartedServerAreAnsweredWithTheFirstIdAndQueuedOnce() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        TestDevice laptop = new TestDevice();
        TestDevice phone = new TestDevice();
        long aliceDevice = laptop.add(alice, "laptop");
        long bobDevice = phone.add(bob, "phone");
        List<EnvelopeTarget> toBob = List.of(new EnvelopeTarget("bob", bobDevice, Bytes.fromHex("c0ffee")));
        long first = answer(alice, sendEnvelopesOnce(alice, toBob), ChatEvent.Accepted.class).messageId();

        fixture.restart();
        TestClient again = login("alice");
        laptop.bind(again, aliceDevice);
        ChatEvent repeat = answer(again, sendEnvelopesOnce(again, toBob), ChatEvent.Answer.class);
        ChatEvent reused = answer(again, sendEnvelopesOnce(again,
                List.of(new EnvelopeTarget("bob", bobDevice, Bytes.fromHex("0bad")))), ChatEvent.Answer.class);
        TestClient bobAgain = login("bob");
        phone.bind(bobAgain, bobDevice);

        assertThat(repeat).isEqualTo(new ChatEvent.Accepted(((ChatEvent.Answer) repeat).requestId(), first));
        assertThat(reused).isInstanceOfSatisfying(ChatEvent.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        long fetch = bobAgain.request(r -> new ChatRequest.FetchEnvelopes(r, 0));
        assertThat(answer(bobAgain, fetch, ChatEvent.EnvelopePage.class).envelopes())
                .extracting(QueuedEnvelope::id).containsExactly(first);
    }

    @Test
    void aSendStoredHeldOrLongerBeforeTheRestartIsNotRememberedByTheNewServer() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        join(alice, "lobby");
        long first = answer(alice, alice.request(r -> new ChatRequest.SendRoomMessage(r, "lobby", ContentType.TEXT,
                Bytes.utf8(TRANSFER), Optional.of(ONCE))), ChatEvent.Accepted.class).messageId();

        clock.advance(SendOnce.HELD);
        fixture.restart();
        TestClient again = login("alice");
        ChatEvent repeat = sayOnce(again, TRANSFER);

        assertThat(repeat).as("processed again, as PROTOCOL.md 14.5 says of a repeat after ten minutes")
                .isInstanceOfSatisfying(ChatEvent.Accepted.class, a -> assertThat(a.messageId()).isGreaterThan(first));
    }

    private static long sendEnvelopesOnce(TestClient from, List<EnvelopeTarget> targets) throws Exception {
        return from.request(r -> new ChatRequest.SendEnvelopes(r, "bob", targets, Optional.of(ONCE)));
    }
}
