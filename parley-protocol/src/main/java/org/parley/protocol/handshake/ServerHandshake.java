package org.parley.protocol.handshake;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.SigningKey;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.record.RecordWriter;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.SuitePreferences;

/**
 * The server's side of the handshake as a state machine: frames in, frames out, no I/O.
 *
 * <pre>
 *   WAIT_CLIENT_HELLO --ClientHello / send ServerHello, {ServerIdentity}, {ServerSignature}, {Finished}--&gt;
 *   WAIT_CLIENT_FINISHED --{Finished}--&gt; COMPLETE
 * </pre>
 *
 * <p>The server sends no application data before the client's Finished is verified.
 */
public final class ServerHandshake extends Handshake {
    private enum State { WAIT_CLIENT_HELLO, WAIT_CLIENT_FINISHED, COMPLETE, FAILED }

    private final ServerConfig config;
    private final Transcript transcript = new Transcript();
    private State state = State.WAIT_CLIENT_HELLO;
    private CipherSuite suite;
    private KeySchedule.ApplicationSecrets secrets;
    private ServerIdentity identity;
    private Bytes expectedClientFinished;

    public ServerHandshake(ServerConfig config) {
        this.config = config;
    }

    @Override
    List<Bytes> step(Frame frame) throws ParleyException {
        return switch (state) {
            case WAIT_CLIENT_HELLO -> onClientHello(HandshakeFrames.readPlaintext(frame));
            case WAIT_CLIENT_FINISHED -> onClientFinished(HandshakeFrames.readEncrypted(handshakeReader, frame));
            case COMPLETE, FAILED -> throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, "frame in state " + state);
        };
    }

    @Override
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    @Override
    void markFailed() {
        state = State.FAILED;
    }

    @Override
    void wipeRoleSecrets() {
        if (secrets != null) {
            secrets.client().destroy();
            secrets.server().destroy();
        }
    }

    private List<Bytes> onClientHello(Bytes encoded) throws ParleyException {
        HandshakeMessage message = HandshakeCodec.decode(encoded);
        if (!(message instanceof ClientHello hello)) {
            throw HandshakeFrames.unexpected(message, "WAIT_CLIENT_HELLO");
        }
        transcript.add(HandshakeType.CLIENT_HELLO, encoded, false);
        SuitePreferences acceptable = config.preferences().withSignaturesLimitedTo(config.credentials()::has);
        suite = acceptable.select(hello.offer())
                .orElseThrow(() -> new HandshakeException(Alert.HANDSHAKE_FAILURE, "no suite acceptable to both sides"));
        KeyExchange.Encapsulation encapsulation = respond(hello);

        byte[] random = new byte[ClientHello.RANDOM_LENGTH];
        config.random().nextBytes(random);
        Bytes serverHello = HandshakeCodec.encode(new ServerHello(Bytes.wrapOwned(random), suite, encapsulation.response()));
        transcript.add(HandshakeType.SERVER_HELLO, serverHello, false);
        LabeledHkdf hkdf = new LabeledHkdf(suite.hash().algorithm().create());
        transcript.begin(hkdf.hash(), suite);
        schedule = new KeySchedule(hkdf, config.secretLog());
        schedule.deriveHandshakeSecrets(encapsulation.sharedSecret(), transcript.currentHash());
        RecordCipher handshakeCipher = confinedCipher(suite);
        handshakeReader = new RecordReader(hkdf, handshakeCipher, schedule.clientHandshakeTrafficCopy(), config.limits());
        // The writer becomes the handshake's only once the whole flight is built: until the
        // ServerHello is sent the client has no handshake keys, so a failure here (a signing key
        // that fails) must be answered in plaintext (PROTOCOL.md 5.10), not under this key.
        RecordWriter writer = new RecordWriter(hkdf, handshakeCipher, schedule.serverHandshakeTrafficCopy(), config.limits());
        List<Bytes> flight;
        try {
            flight = List.of(HandshakeFrames.plaintextFrame(serverHello),
                    sealNext(writer, identityMessage()),
                    sealNext(writer, signatureMessage()),
                    sealNext(writer, finishedMessage()));
        } catch (RuntimeException e) {
            writer.destroy();
            throw e;
        }
        handshakeWriter = writer;
        state = State.WAIT_CLIENT_FINISHED;
        return flight;
    }

    private KeyExchange.Encapsulation respond(ClientHello hello) throws HandshakeException {
        KeyExchange kex = suite.keyExchange().algorithm().create();
        Bytes share = hello.shareFor(suite.keyExchange());
        if (share.length() != kex.publicShareLength()) {
            throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "key share has the wrong length");
        }
        try {
            return kex.respond(share, config.random());
        } catch (InvalidKeyMaterialException e) {
            throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "invalid key share", e);
        }
    }

    private HandshakeMessage identityMessage() {
        SigningKey key = config.credentials().keyFor(suite.signature()).orElseThrow();
        identity = new ServerIdentity(suite.signature(), key.publicKey());
        return identity;
    }

    private HandshakeMessage signatureMessage() {
        SigningKey key = config.credentials().keyFor(suite.signature()).orElseThrow();
        return new ServerSignature(key.sign(SignedContent.server(transcript.currentHash()), config.random()));
    }

    private HandshakeMessage finishedMessage() {
        return new Finished(schedule.serverFinished(transcript.currentHash()));
    }

    /** Encodes, seals and adds to the transcript; the transcript must see each message before the next is built. */
    private Bytes sealNext(RecordWriter writer, HandshakeMessage message) {
        Bytes encoded = HandshakeCodec.encode(message);
        transcript.add(message.type(), encoded, true);
        Bytes record = HandshakeFrames.encryptedRecord(writer, encoded);
        if (message instanceof Finished) {
            secrets = schedule.deriveApplicationSecrets(transcript.currentHash());
            expectedClientFinished = schedule.clientFinished(transcript.currentHash());
        }
        return record;
    }

    private List<Bytes> onClientFinished(Bytes encoded) throws ParleyException {
        HandshakeMessage message = HandshakeCodec.decode(encoded);
        if (!(message instanceof Finished finished)) {
            throw HandshakeFrames.unexpected(message, "WAIT_CLIENT_FINISHED");
        }
        if (!expectedClientFinished.constantTimeEquals(finished.verifyData())) {
            throw new HandshakeException(Alert.DECRYPT_ERROR, "client Finished does not verify");
        }
        transcript.add(HandshakeType.FINISHED, encoded, true);
        schedule.destroy();
        handshakeReader.destroy();
        handshakeWriter.destroy();
        LabeledHkdf hkdf = schedule.hkdf();
        RecordCipher applicationCipher = confinedCipher(suite);
        establish(new Established(suite,
                new RecordWriter(hkdf, applicationCipher, secrets.server(), config.limits()),
                new RecordReader(hkdf, applicationCipher, secrets.client(), config.limits()),
                secrets.channelBinding(), identity, Fingerprint.of(identity.algorithm(), identity.publicKey()),
                transcript.steps()));
        state = State.COMPLETE;
        return List.of();
    }
}
