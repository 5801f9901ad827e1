package org.parley.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.wire.WireWriter;

/**
 * A test stand-in for an end-to-end device: an Ed25519 signing key, an identity blob whose first
 * 32 bytes are that key (the rest filler: the server never reads it), prekey records signed as
 * docs/PROTOCOL.md Section 14.8 says, and device proofs over a connection's channel binding.
 */
public final class TestDevice {
    public static final int X25519 = 32;
    public static final int KEM = 1184;
    private static final Bytes PREKEY_LABEL = Bytes.wrapOwned("parley-e2ee v1 prekey".getBytes(StandardCharsets.US_ASCII));
    private static final Bytes DEVICE_LABEL = Bytes.wrapOwned("parley-e2ee v1 device".getBytes(StandardCharsets.US_ASCII));
    private final SecureRandom random = new SecureRandom();
    private final SigningKey key = SignatureAlgorithm.ED25519.create().generate(random);
    private final Bytes identity;

    public TestDevice() {
        byte[] filler = new byte[48];
        random.nextBytes(filler);
        identity = Bytes.concat(key.publicKey(), Bytes.wrapOwned(filler));
    }

    public Bytes identity() {
        return identity;
    }

    /** The proof for a connection: Ed25519 over the device label and its channel binding. */
    public Bytes proof(Bytes channelBinding) {
        return key.sign(Bytes.concat(DEVICE_LABEL, channelBinding), random);
    }

    /** A correctly signed prekey record of {@code kind} with a random key of {@code keyLength} bytes. */
    public Bytes record(int kind, long keyId, int keyLength) {
        byte[] publicKey = new byte[keyLength];
        random.nextBytes(publicKey);
        Bytes signed = new WireWriter().u8(kind).u32(keyId).fixed(Bytes.wrapOwned(publicKey)).toBytes();
        return Bytes.concat(signed, key.sign(Bytes.concat(PREKEY_LABEL, signed), random));
    }

    /** A record whose signature is over other bytes. */
    public Bytes badlySigned(int kind, long keyId, int keyLength) {
        Bytes good = record(kind, keyId, keyLength);
        byte[] bytes = good.toByteArray();
        bytes[5] ^= 1;
        return Bytes.wrapOwned(bytes);
    }

    /** Sends AddDevice on {@code client}; returns the request id. */
    public long requestAdd(TestClient client, String name, Bytes proof) throws IOException {
        return client.request(id -> new ChatRequest.AddDevice(id, identity, name, record(1, 1, X25519),
                record(4, 1, KEM), proof));
    }

    /** Adds this device on {@code client} (which becomes bound to it); returns the device id. */
    public long add(TestClient client, String name) throws IOException {
        long request = requestAdd(client, name, proof(client.channelBinding()));
        return answer(client, request, ChatEvent.Accepted.class).messageId();
    }

    /** Binds {@code client} to this device, already added as {@code deviceId}. */
    public void bind(TestClient client, long deviceId) throws IOException {
        long request = client.request(id -> new ChatRequest.BindDevice(id, deviceId, proof(client.channelBinding())));
        answer(client, request, ChatEvent.Accepted.class);
    }

    /** Uploads one-time X25519 records with key ids {@code first..first+count-1}. */
    public ChatEvent.PrekeyCounts uploadOneTime(TestClient client, long first, int count, int kemCount) throws IOException {
        List<Bytes> x25519 = java.util.stream.LongStream.range(first, first + count).mapToObj(i -> record(2, i, X25519)).toList();
        List<Bytes> kem = java.util.stream.LongStream.range(first, first + kemCount).mapToObj(i -> record(3, i, KEM)).toList();
        long request = client.request(id -> new ChatRequest.UploadPrekeys(id, Optional.empty(), x25519, kem, Optional.empty()));
        return answer(client, request, ChatEvent.PrekeyCounts.class);
    }

    /** Adds this device on {@code client} and uploads {@code count} one-time X25519 prekeys (ids 1..count). */
    public long uploadOneTimeAfterAdd(TestClient client, int count) throws IOException {
        long id = add(client, "device");
        uploadOneTime(client, 1, count, 0);
        return id;
    }

    /** Waits for the answer to request {@code id}, whatever its type. */
    public static ChatEvent awaitAnswer(TestClient client, long id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.events().stream().anyMatch(e -> answers(e, id)));
        return client.events().stream().filter(e -> answers(e, id)).findFirst().orElseThrow();
    }

    /** Waits for the answer to request {@code id} and checks its type (a Rejected shows its code and detail). */
    public static <T extends ChatEvent> T answer(TestClient client, long id, Class<T> expected) {
        ChatEvent answer = awaitAnswer(client, id);
        if (!expected.isInstance(answer)) {
            throw new AssertionError("expected " + expected.getSimpleName() + " for request " + id + ", got " + answer);
        }
        return expected.cast(answer);
    }

    private static boolean answers(ChatEvent event, long id) {
        return event instanceof ChatEvent.Answer answer && answer.requestId() == id;
    }
}
