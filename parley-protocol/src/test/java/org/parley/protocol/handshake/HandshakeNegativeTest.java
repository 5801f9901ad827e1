package org.parley.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.InsecureDeterministicRandom;
import org.parley.protocol.testing.Tamper;
import org.parley.protocol.testing.TestCredentials;

/** Every way a handshake can be attacked ends with a specific alert and no established channel. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandshakeNegativeTest {
    private static final SuitePreferences MODERN = Preset.MODERN.preferences();
    private Connections connections;
    private ServerCredentials credentials;

    @BeforeAll
    void makeServerKeys() {
        credentials = TestCredentials.all("negative-test");
        connections = new Connections(credentials);
    }

    private ChannelPair attacked(SuitePreferences prefs, UnaryOperator<List<Bytes>> toServer, UnaryOperator<List<Bytes>> toClient) {
        return connections.pair(prefs, prefs, RecordLimits.defaults(), "negative")
                .tamperToServer(toServer).tamperToClient(toClient).pump();
    }

    private static void assertNeitherSideEstablished(ChannelPair pair) {
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.server().state()).isIn(SecureChannel.State.FAILED, SecureChannel.State.HANDSHAKING);
        assertThat(pair.server().session()).isEmpty();
    }

    @ParameterizedTest(name = "ClientHello bit {0}")
    @ValueSource(ints = {100, 200, 333, 600, 1000, 5000, 9000})
    void aFlippedBitInTheClientHelloIsDetected(int bit) {
        ChannelPair pair = attacked(MODERN, Tamper.flipPayloadBit(0, bit), UnaryOperator.identity());

        assertNeitherSideEstablished(pair);
        // Where the flip lands decides who notices first: the server (a malformed or invalid field) or
        // the client (a transcript mismatch makes its handshake keys differ, so the first record fails).
        assertThat(java.util.stream.Stream.of(pair.serverFailure(), pair.clientFailure())
                .filter(java.util.Objects::nonNull).map(e -> e.alert()))
                .isNotEmpty()
                .containsAnyOf(Alert.BAD_RECORD, Alert.ILLEGAL_PARAMETER, Alert.DECODE_ERROR);
    }

    @Test
    void aFlippedBitInTheClientRandomMakesTheClientRejectTheServersFirstRecord() {
        ChannelPair pair = attacked(MODERN, Tamper.flipPayloadBit(0, (4 + 4 + 2 + 5) * 8), UnaryOperator.identity());

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.BAD_RECORD);
        assertNeitherSideEstablished(pair);
    }

    @ParameterizedTest(name = "ServerHello bit {0}")
    @ValueSource(ints = {(4 + 2 + 3) * 8, (4 + 2 + 31) * 8 + 7, (4 + 2 + 32 + 8 + 2 + 1) * 8, (4 + 2 + 32 + 8 + 2 + 600) * 8 + 3})
    void aFlippedBitInTheServerHelloRandomOrKeyShareIsDetectedByTheClient(int bit) {
        ChannelPair pair = attacked(MODERN, UnaryOperator.identity(), Tamper.flipPayloadBit(0, bit));

        assertThat(pair.clientFailure().alert()).isIn(Alert.BAD_RECORD, Alert.ILLEGAL_PARAMETER);
        assertNeitherSideEstablished(pair);
    }

    @ParameterizedTest(name = "server flight frame {0}")
    @ValueSource(ints = {1, 2, 3})
    void aFlippedBitInAnEncryptedServerMessageIsABadRecord(int frame) {
        ChannelPair pair = attacked(MODERN, UnaryOperator.identity(), Tamper.flipPayloadBit(frame, 13));

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.BAD_RECORD);
        assertNeitherSideEstablished(pair);
    }

    @Test
    void aFlippedBitInTheClientFinishedIsABadRecordForTheServer() {
        ChannelPair pair = attacked(MODERN, Tamper.flipPayloadBit(1, 13), UnaryOperator.identity());

        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.server().session()).isEmpty();
    }

    @Test
    void aDroppedServerIdentityIsDetected() {
        ChannelPair pair = attacked(MODERN, UnaryOperator.identity(), Tamper.drop(1));

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.BAD_RECORD);
        assertNeitherSideEstablished(pair);
    }

    @Test
    void serverFinishedBeforeServerIdentityIsRejected() {
        ChannelPair pair = attacked(MODERN, UnaryOperator.identity(), Tamper.swapInFirstNonEmptyBatch(1, 3));

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.BAD_RECORD);
        assertNeitherSideEstablished(pair);
    }

    @Test
    void aServerSignatureByTheWrongKeyFailsWithDecryptError() {
        SigningKey real = credentials.keyFor(SignatureComponent.ED25519).orElseThrow();
        Bytes otherPublicKey = TestCredentials.forAlgorithms("other", SignatureComponent.ED25519)
                .keyFor(SignatureComponent.ED25519).orElseThrow().publicKey();
        SigningKey lying = new SigningKey() {
            @Override
            public SignatureAlgorithm algorithm() {
                return real.algorithm();
            }

            @Override
            public Bytes publicKey() {
                return otherPublicKey;
            }

            @Override
            public Bytes sign(Bytes message, java.security.SecureRandom random) {
                return real.sign(message, random);
            }

            @Override
            public SecretBytes encodedPrivateKey() {
                return real.encodedPrivateKey();
            }
        };
        SuitePreferences prefs = SuitePreferences.only(CipherSuite.parse("PARLEY1_X25519_ED25519_AES256GCM_SHA256").orElseThrow());
        ChannelPair pair = new Connections(new ServerCredentials(java.util.Map.of(SignatureComponent.ED25519, lying)))
                .pair(prefs, prefs, RecordLimits.defaults(), "lying").pump();

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.DECRYPT_ERROR);
        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.DECRYPT_ERROR);
        assertNeitherSideEstablished(pair);
    }

    @Test
    void aServerThatChoosesAComponentTheClientDidNotOfferIsRejected() {
        ChannelPair pair = attacked(MODERN, UnaryOperator.identity(), Tamper.serverHello(hello -> new ServerHello(hello.random(),
                new CipherSuite(hello.suite().keyExchange(), SignatureComponent.RSA_PSS_3072_SHA256, hello.suite().cipher(), hello.suite().hash()),
                hello.keyExchangeResponse())));

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.ILLEGAL_PARAMETER);
        assertNeitherSideEstablished(pair);
    }

    @Test
    void anUnsupportedVersionIsRejectedWithProtocolVersion() {
        ChannelPair pair = attacked(MODERN, Tamper.flipPayloadBit(0, (4 + 4 + 1) * 8 + 1), UnaryOperator.identity());

        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.PROTOCOL_VERSION);
        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.PROTOCOL_VERSION);
    }

    @Test
    void somethingThatIsNotParleyIsADecodeError() {
        ChannelPair pair = attacked(MODERN, Tamper.flipPayloadBit(0, 4 * 8), UnaryOperator.identity());

        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.DECODE_ERROR);
    }

    @Test
    void anEncryptedRecordBeforeTheClientHelloIsUnexpected() {
        SecureChannel server = connections.pair(MODERN, MODERN, RecordLimits.defaults(), "early").server();
        Bytes early = new Frame(FrameType.ENCRYPTED, Bytes.wrapOwned(new byte[40])).encode();

        assertThat(alertOf(() -> server.receive(early.asReadOnlyBuffer()))).isEqualTo(Alert.UNEXPECTED_MESSAGE);
        assertThat(server.drainOutbound()).containsExactly(new Frame(FrameType.ALERT, Bytes.fromHex("0a")).encode());
    }

    @Test
    void aServerHelloSentToTheServerIsUnexpected() {
        ChannelPair pair = connections.established(MODERN, RecordLimits.defaults(), "mirror");
        Bytes serverHello = pair.framesToClient().getFirst();
        SecureChannel fresh = connections.pair(MODERN, MODERN, RecordLimits.defaults(), "mirror 2").server();

        assertThat(alertOf(() -> fresh.receive(serverHello.asReadOnlyBuffer()))).isEqualTo(Alert.UNEXPECTED_MESSAGE);
    }

    @Test
    void aClientHelloSentToTheClientIsUnexpected() {
        ChannelPair pair = connections.pair(MODERN, MODERN, RecordLimits.defaults(), "reflect hello");
        Bytes clientHello = pair.client().drainOutbound().getFirst();

        assertThat(alertOf(() -> pair.client().receive(clientHello.asReadOnlyBuffer()))).isEqualTo(Alert.UNEXPECTED_MESSAGE);
    }

    @Test
    void aSecondClientHelloInsteadOfFinishedIsUnexpected() {
        java.util.concurrent.atomic.AtomicReference<Bytes> firstHello = new java.util.concurrent.atomic.AtomicReference<>();
        UnaryOperator<List<Bytes>> replayHelloForFinished = batch -> batch.stream()
                .map(frame -> {
                    if (firstHello.get() == null) {
                        firstHello.set(frame);
                        return frame;
                    }
                    return firstHello.get();
                }).toList();

        ChannelPair pair = attacked(MODERN, replayHelloForFinished, UnaryOperator.identity());

        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.UNEXPECTED_MESSAGE);
        assertThat(pair.server().session()).isEmpty();
    }

    @Test
    void aHandshakeMessageDeclaringMoreThanTheMaximumIsRejectedAsOverflow() {
        SecureChannel server = connections.pair(MODERN, MODERN, RecordLimits.defaults(), "overflow").server();
        byte[] body = new byte[HandshakeMessage.MAX_LENGTH + 1 + 4];
        body[0] = (byte) HandshakeType.CLIENT_HELLO.code();
        int length = HandshakeMessage.MAX_LENGTH + 1;
        body[1] = (byte) (length >>> 16);
        body[2] = (byte) (length >>> 8);
        body[3] = (byte) length;
        Bytes frame = new Frame(FrameType.HANDSHAKE, Bytes.wrapOwned(body)).encode();

        assertThat(alertOf(() -> server.receive(frame.asReadOnlyBuffer()))).isEqualTo(Alert.RECORD_OVERFLOW);
    }

    static Alert alertOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ParleyException.class);
        return ((ParleyException) thrown).alert();
    }

}
