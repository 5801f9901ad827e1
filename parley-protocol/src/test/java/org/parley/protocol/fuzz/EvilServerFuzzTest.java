package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.HandshakeCodec;
import org.parley.protocol.handshake.HandshakeType;
import org.parley.protocol.handshake.ServerHello;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordWriter;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.HashComponent;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireWriter;

/**
 * A malicious server that knows the handshake keys: the client gets a real ServerHello (its key
 * exchange response is valid) naming a fuzzer-chosen signature, cipher and hash, and then
 * fuzzer-chosen handshake messages <em>correctly encrypted</em> under the handshake key the client
 * derived (read through the test-only {@code InsecureSecretLog}). Byte mutation alone can never
 * forge those records, so this is the only way a fuzzer reaches ServerIdentity, every signature
 * scheme's {@code checkPublicKey} and {@code verify} on hostile keys and signatures, and Finished.
 *
 * <p>Oracle: only ParleyException escapes, and after one the client is FAILED.
 */
class EvilServerFuzzTest {
    private static final ServerHello REAL_SERVER_HELLO = realServerHello();

    @FuzzTest(maxDuration = "10s")
    void clientFacingAServerWithHandshakeKeysFailsOnlyWithParleyExceptions(FuzzedDataProvider data) {
        CipherSuite suite = new CipherSuite(REAL_SERVER_HELLO.suite().keyExchange(),
                data.pickValue(SignatureComponent.values()), data.pickValue(CipherComponent.values()),
                data.pickValue(HashComponent.values()));
        SecretBytes[] serverHandshakeSecret = new SecretBytes[1];
        SecureChannel client = ChannelFixtures.client((label, secret) -> {
            if (label.equals("s hs traffic")) {
                byte[] copy = secret.revealCopy();
                serverHandshakeSecret[0] = SecretBytes.copyOf(copy);
                Arrays.fill(copy, (byte) 0);
            }
        });
        client.drainOutbound();
        Bytes hello = HandshakeCodec.encode(new ServerHello(REAL_SERVER_HELLO.random(), suite,
                REAL_SERVER_HELLO.keyExchangeResponse()));
        assertThat(ParleyOnly.run(() -> client.receive(ByteBuffer.wrap(plaintextFrame(hello))))).isNull();

        RecordWriter evil = new RecordWriter(new LabeledHkdf(suite.hash().algorithm().create()),
                suite.cipher().algorithm().create(), serverHandshakeSecret[0], RecordLimits.defaults());
        ByteBuffer records = ByteBuffer.allocate(4 * (RecordLimits.MAX_RECORD_CONTENT + 600));
        int count = data.consumeInt(1, 4);
        for (int i = 0; i < count; i++) {
            InnerType innerType = data.consumeInt(0, 15) == 0 ? data.pickValue(InnerType.values()) : InnerType.HANDSHAKE;
            evil.seal(innerType, message(data, suite.signature())).writeTo(records);
        }
        records.flip();

        ParleyException rejection = ParleyOnly.run(() -> client.receive(records));
        if (rejection != null) {
            assertThat(client.state()).isEqualTo(SecureChannel.State.FAILED);
        }
        evil.destroy();
    }

    /** One handshake message: usually a well-framed ServerIdentity, ServerSignature or Finished. */
    private static Bytes message(FuzzedDataProvider data, SignatureComponent suiteSignature) {
        int kind = data.consumeInt(0, 3);
        WireWriter body = new WireWriter(256);
        HandshakeType type;
        switch (kind) {
            case 0 -> {
                type = HandshakeType.SERVER_IDENTITY;
                SignatureComponent algorithm = data.consumeBoolean() ? suiteSignature : data.pickValue(SignatureComponent.values());
                body.u16(algorithm.code()).vector16(Bytes.copyOf(data.consumeBytes(data.consumeInt(0, 4000))));
            }
            case 1 -> {
                type = HandshakeType.SERVER_SIGNATURE;
                body.vector16(Bytes.copyOf(data.consumeBytes(data.consumeInt(0, 5000))));
            }
            case 2 -> {
                type = HandshakeType.FINISHED;
                body.fixed(Bytes.copyOf(data.consumeBytes(data.consumeInt(0, 80))));
            }
            default -> {
                return Bytes.copyOf(data.consumeBytes(data.consumeInt(0, 2000)));
            }
        }
        Bytes encodedBody = body.toBytes();
        return new WireWriter(encodedBody.length() + 4).u8(type.code()).u24(encodedBody.length()).fixed(encodedBody).toBytes();
    }

    private static byte[] plaintextFrame(Bytes message) {
        return new Frame(FrameType.HANDSHAKE, message).encode().toByteArray();
    }

    /** The ServerHello the fixed server sends to the fixed client; its key exchange response is valid for that client. */
    private static ServerHello realServerHello() {
        try {
            byte[] flight = ChannelFixtures.exchange(ChannelFixtures.server(), ChannelFixtures.clientHelloFrame());
            int length = ((flight[1] & 0xff) << 8) | (flight[2] & 0xff);
            return (ServerHello) HandshakeCodec.decode(Bytes.copyOf(flight, 3, length));
        } catch (ParleyException e) {
            throw new IllegalStateException("the fixtures' own handshake failed", e);
        }
    }
}
