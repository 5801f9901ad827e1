package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.QueuedEnvelope;
import org.parley.server.testing.ConsoleCapture;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/** Sending, queueing, delivering and acknowledging end-to-end envelopes over real connections (PROTOCOL.md 14.8). */
class E2eEnvelopeTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    /** Sends envelopes to {@code peer} and returns the answer, checked to be of {@code expected} type. */
    static <T extends ChatEvent> T send(TestClient from, String peer, List<EnvelopeTarget> targets, Class<T> expected)
            throws Exception {
        long request = from.request(r -> new ChatRequest.SendEnvelopes(r, peer, targets));
        return answer(from, request, expected);
    }

    private TestClient login(String user) throws Exception {
        TestClient client = fixture.connect();
        assertThat(client.login(user, ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        return client;
    }

    @Test
    void sendThatMissesADeviceIsRefusedWithTheCurrentDeviceIds() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient alice2 = login("alice");
        TestClient bob = fixture.registered("bob");
        long aliceOne = new TestDevice().add(alice, "laptop");
        long aliceTwo = new TestDevice().add(alice2, "phone");
        long bobOne = new TestDevice().add(bob, "phone");
        EnvelopeTarget toBob = new EnvelopeTarget("bob", bobOne, Bytes.fromHex("aa"));

        ChatEvent.DeviceMismatch missing = send(alice, "bob", List.of(toBob), ChatEvent.DeviceMismatch.class);
        ChatEvent.DeviceMismatch extra = send(alice, "bob", List.of(toBob, new EnvelopeTarget("alice", aliceTwo,
                Bytes.fromHex("bb")), new EnvelopeTarget("bob", 7, Bytes.fromHex("cc"))), ChatEvent.DeviceMismatch.class);
        ChatEvent.Accepted exact = send(alice, "bob", List.of(toBob, new EnvelopeTarget("alice", aliceTwo,
                Bytes.fromHex("bb"))), ChatEvent.Accepted.class);

        assertThat(missing.peerDevices()).containsExactly(bobOne);
        assertThat(missing.ownDevices()).containsExactly(aliceOne, aliceTwo);
        assertThat(extra).isEqualTo(new ChatEvent.DeviceMismatch(extra.requestId(), "bob", List.of(bobOne),
                List.of(aliceOne, aliceTwo)));
        QueuedEnvelope atBob = bob.awaitEvent(ChatEvent.EnvelopeBatch.class, b -> !b.envelopes().isEmpty())
                .envelopes().getFirst();
        assertThat(atBob.id()).isEqualTo(exact.messageId());
        assertThat(atBob.fromUser()).isEqualTo("alice");
        assertThat(atBob.fromDevice()).isEqualTo(aliceOne);
        assertThat(atBob.envelope()).isEqualTo(Bytes.fromHex("aa"));
        assertThat(alice2.awaitEvent(ChatEvent.EnvelopeBatch.class, b -> !b.envelopes().isEmpty())
                .envelopes().getFirst().envelope()).isEqualTo(Bytes.fromHex("bb"));
    }

    @Test
    void sendingNeedsABoundDeviceAndAPeerWithDevices() throws Exception {
        TestClient alice = fixture.registered("alice");
        fixture.registered("bob");
        EnvelopeTarget target = new EnvelopeTarget("bob", 1, Bytes.fromHex("aa"));

        ChatEvent.Rejected unbound = send(alice, "bob", List.of(target), ChatEvent.Rejected.class);
        new TestDevice().add(alice, "laptop");
        ChatEvent.Rejected noDevices = send(alice, "bob", List.of(target), ChatEvent.Rejected.class);

        assertThat(unbound.code()).isEqualTo(ErrorCode.DEVICE_REQUIRED);
        assertThat(noDevices.code()).isEqualTo(ErrorCode.NO_SUCH_DEVICE);
    }

    @Test
    void queuedEnvelopeSurvivesARestartAndIsDeletedOnlyAfterItsDeviceAcknowledgesIt() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        new TestDevice().add(alice, "laptop");
        TestDevice bobsPhone = new TestDevice();
        long phone = bobsPhone.add(bob, "phone");
        bob.close();
        long id = send(alice, "bob", List.of(new EnvelopeTarget("bob", phone, Bytes.fromHex("c0ffee"))),
                ChatEvent.Accepted.class).messageId();

        fixture.restart();
        TestClient first = login("bob");
        bobsPhone.bind(first, phone);
        QueuedEnvelope delivered = first.awaitEvent(ChatEvent.EnvelopeBatch.class, b -> true)
                .envelopes().getFirst();
        first.close();
        TestClient second = login("bob");
        bobsPhone.bind(second, phone);
        QueuedEnvelope again = second.awaitEvent(ChatEvent.EnvelopeBatch.class, b -> true)
                .envelopes().getFirst();
        long ack = second.request(r -> new ChatRequest.AckEnvelopes(r, List.of(id)));
        long acknowledged = answer(second, ack, ChatEvent.Accepted.class).messageId();
        long fetch = second.request(r -> new ChatRequest.FetchEnvelopes(r, 0));

        assertThat(delivered).isEqualTo(again);
        assertThat(delivered.id()).isEqualTo(id);
        assertThat(delivered.envelope()).isEqualTo(Bytes.fromHex("c0ffee"));
        assertThat(acknowledged).isEqualTo(1);
        assertThat(answer(second, fetch, ChatEvent.EnvelopePage.class).envelopes()).isEmpty();
    }

    @Test
    void sessionBoundToOneDeviceCannotReadOrAcknowledgeAnotherDevicesQueue() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bobA = fixture.registered("bob");
        TestClient bobB = login("bob");
        new TestDevice().add(alice, "laptop");
        long a = new TestDevice().add(bobA, "phone");
        long b = new TestDevice().add(bobB, "tablet");
        bobB.close();
        ChatEvent.Accepted sent = send(alice, "bob", List.of(new EnvelopeTarget("bob", a, Bytes.fromHex("0a")),
                new EnvelopeTarget("bob", b, Bytes.fromHex("0b"))), ChatEvent.Accepted.class);
        long forB = sent.messageId() + 1;

        long ack = bobA.request(r -> new ChatRequest.AckEnvelopes(r, List.of(forB)));
        long deleted = answer(bobA, ack, ChatEvent.Accepted.class).messageId();
        long fetch = bobA.request(r -> new ChatRequest.FetchEnvelopes(r, 0));

        assertThat(deleted).isZero();
        assertThat(answer(bobA, fetch, ChatEvent.EnvelopePage.class).envelopes()).extracting(QueuedEnvelope::envelope)
                .containsExactly(Bytes.fromHex("0a"));
    }

    @Test
    void markerInsideAnEnvelopeIsStoredOnlyAsTheOpaqueBlobAndNeverLogged() throws Exception {
        try (ConsoleCapture console = new ConsoleCapture(Level.ALL)) {
            String marker = "MARKER-" + UUID.randomUUID();
            TestClient alice = fixture.registered("alice");
            TestClient bob = fixture.registered("bob");
            new TestDevice().add(alice, "laptop");
            long phone = new TestDevice().add(bob, "phone");
            bob.close();
            send(alice, "bob", List.of(new EnvelopeTarget("bob", phone, Bytes.utf8(marker))), ChatEvent.Accepted.class);
            fixture.server().close();

            byte[] markerBytes = marker.getBytes(StandardCharsets.UTF_8);
            assertThat(occurrences(fixture.dataDirectory().resolve("parley.db"), markerBytes)
                    + walOccurrences(markerBytes)).isPositive();
            assertThat(Files.readString(fixture.dataDirectory().resolve("logs").resolve("audit.jsonl"))).doesNotContain(marker)
                    .doesNotContain(HexFormat.of().formatHex(markerBytes));
            assertThat(console.lines()).isNotEmpty().noneMatch(line -> line.contains(marker));
            try (var store = org.parley.server.store.SqliteStore.open(fixture.dataDirectory().resolve("parley.db"))) {
                assertThat(store.e2e().queued("bob", phone, 0, 10)).singleElement()
                        .satisfies(q -> assertThat(q.envelope()).isEqualTo(Bytes.utf8(marker)));
            }
        }
    }

    private int walOccurrences(byte[] marker) throws Exception {
        Path wal = fixture.dataDirectory().resolve("parley.db-wal");
        return Files.exists(wal) ? occurrences(wal, marker) : 0;
    }

    private static int occurrences(Path file, byte[] marker) throws Exception {
        byte[] data = Files.readAllBytes(file);
        int count = 0;
        for (int i = 0; i + marker.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + marker.length, marker, 0, marker.length)) {
                count++;
            }
        }
        return count;
    }
}
