package org.parley.protocol.handshake;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureScheme;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.record.RecordWriter;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.KeyExchangeComponent;

/**
 * The client's side of the handshake as a state machine: frames in, frames out, no I/O.
 *
 * <pre>
 *   START --start()--&gt; WAIT_SERVER_HELLO --ServerHello--&gt; WAIT_SERVER_IDENTITY --ServerIdentity--&gt;
 *   WAIT_SERVER_SIGNATURE --ServerSignature--&gt; WAIT_SERVER_FINISHED --ServerFinished / send Finished--&gt; COMPLETE
 * </pre>
 *
 * <p>Any other message in any state is {@code UNEXPECTED_MESSAGE}; any failure is terminal and
 * wipes every secret (docs/PROTOCOL.md, "Client state machine").
 */
public final class ClientHandshake extends Handshake {
    private enum State { START, WAIT_SERVER_HELLO, WAIT_SERVER_IDENTITY, WAIT_SERVER_SIGNATURE, WAIT_SERVER_FINISHED, COMPLETE, FAILED }

    private final ClientConfig config;
    private final Transcript transcript = new Transcript();
    private final Map<KeyExchangeComponent, EphemeralKeyShare> shares = new EnumMap<>(KeyExchangeComponent.class);
    private State state = State.START;
    private CipherSuite suite;
    private ServerIdentity identity;

    public ClientHandshake(ClientConfig config) {
        this.config = config;
    }

    /** Builds the ClientHello with one fresh share per offered key exchange; returns its frame. */
    public Bytes start() {
        if (state != State.START) {
            throw new IllegalStateException("handshake already started");
        }
        List<KeyShare> keyShares = new ArrayList<>();
        for (KeyExchangeComponent kex : config.offer().keyExchanges()) {
            EphemeralKeyShare share = kex.algorithm().create().generate(config.random());
            shares.put(kex, share);
            keyShares.add(new KeyShare(kex, share.publicShare()));
        }
        byte[] random = new byte[ClientHello.RANDOM_LENGTH];
        config.random().nextBytes(random);
        Bytes hello = HandshakeCodec.encode(new ClientHello(Bytes.wrapOwned(random), config.offer(), keyShares));
        transcript.add(HandshakeType.CLIENT_HELLO, hello, false);
        state = State.WAIT_SERVER_HELLO;
        return HandshakeFrames.plaintextFrame(hello);
    }

    @Override
    List<Bytes> step(Frame frame) throws ParleyException {
        return switch (state) {
            case WAIT_SERVER_HELLO -> onServerHello(HandshakeFrames.readPlaintext(frame));
            case WAIT_SERVER_IDENTITY -> onServerIdentity(HandshakeFrames.readEncrypted(handshakeReader, frame));
            case WAIT_SERVER_SIGNATURE -> onServerSignature(HandshakeFrames.readEncrypted(handshakeReader, frame));
            case WAIT_SERVER_FINISHED -> onServerFinished(HandshakeFrames.readEncrypted(handshakeReader, frame));
            case START, COMPLETE, FAILED -> throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, "frame in state " + state);
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
        shares.values().forEach(EphemeralKeyShare::destroy);
    }

    private List<Bytes> onServerHello(Bytes encoded) throws ParleyException {
        if (!(HandshakeCodec.decode(encoded) instanceof ServerHello hello)) {
            throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, "expected ServerHello");
        }
        suite = hello.suite();
        if (!config.offer().permits(suite)) {
            throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "server chose a component that was not offered: " + suite);
        }
        transcript.add(HandshakeType.SERVER_HELLO, encoded, false);
        LabeledHkdf hkdf = new LabeledHkdf(suite.hash().algorithm().create());
        transcript.begin(hkdf.hash(), suite);
        SecretBytes shared = completeKeyExchange(hello);
        schedule = new KeySchedule(hkdf, config.secretLog());
        schedule.deriveHandshakeSecrets(shared, transcript.currentHash());
        RecordCipher handshakeCipher = confinedCipher(suite);
        handshakeReader = new RecordReader(hkdf, handshakeCipher, schedule.serverHandshakeTrafficCopy(), config.limits());
        handshakeWriter = new RecordWriter(hkdf, handshakeCipher, schedule.clientHandshakeTrafficCopy(), config.limits());
        state = State.WAIT_SERVER_IDENTITY;
        return List.of();
    }

    private SecretBytes completeKeyExchange(ServerHello hello) throws HandshakeException {
        KeyExchange kex = suite.keyExchange().algorithm().create();
        try {
            if (hello.keyExchangeResponse().length() != kex.responseLength()) {
                throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "key exchange response has the wrong length");
            }
            return kex.complete(shares.get(suite.keyExchange()), hello.keyExchangeResponse());
        } catch (InvalidKeyMaterialException e) {
            throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "invalid key exchange response", e);
        } finally {
            shares.values().forEach(EphemeralKeyShare::destroy);
        }
    }

    private List<Bytes> onServerIdentity(Bytes encoded) throws ParleyException {
        HandshakeMessage message = HandshakeCodec.decode(encoded);
        if (!(message instanceof ServerIdentity received)) {
            throw HandshakeFrames.unexpected(message, "WAIT_SERVER_IDENTITY");
        }
        if (received.algorithm() != suite.signature()) {
            throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "identity key of a different algorithm");
        }
        try {
            received.algorithm().algorithm().create().checkPublicKey(received.publicKey());
        } catch (InvalidKeyMaterialException e) {
            throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "malformed server public key", e);
        }
        config.serverKeyVerifier().verify(received.algorithm(), received.publicKey());
        identity = received;
        transcript.add(HandshakeType.SERVER_IDENTITY, encoded, true);
        state = State.WAIT_SERVER_SIGNATURE;
        return List.of();
    }

    private List<Bytes> onServerSignature(Bytes encoded) throws ParleyException {
        HandshakeMessage message = HandshakeCodec.decode(encoded);
        if (!(message instanceof ServerSignature signature)) {
            throw HandshakeFrames.unexpected(message, "WAIT_SERVER_SIGNATURE");
        }
        SignatureScheme scheme = identity.algorithm().algorithm().create();
        boolean valid;
        try {
            valid = scheme.verify(identity.publicKey(), SignedContent.server(transcript.currentHash()), signature.signature());
        } catch (InvalidKeyMaterialException e) {
            throw new HandshakeException(Alert.ILLEGAL_PARAMETER, "malformed server public key", e);
        }
        if (!valid) {
            throw new HandshakeException(Alert.DECRYPT_ERROR, "server signature does not verify");
        }
        transcript.add(HandshakeType.SERVER_SIGNATURE, encoded, true);
        state = State.WAIT_SERVER_FINISHED;
        return List.of();
    }

    private List<Bytes> onServerFinished(Bytes encoded) throws ParleyException {
        HandshakeMessage message = HandshakeCodec.decode(encoded);
        if (!(message instanceof Finished finished)) {
            throw HandshakeFrames.unexpected(message, "WAIT_SERVER_FINISHED");
        }
        Bytes expected = schedule.serverFinished(transcript.currentHash());
        if (!expected.constantTimeEquals(finished.verifyData())) {
            throw new HandshakeException(Alert.DECRYPT_ERROR, "server Finished does not verify");
        }
        transcript.add(HandshakeType.FINISHED, encoded, true);
        serverKeyProven();
        KeySchedule.ApplicationSecrets secrets = schedule.deriveApplicationSecrets(transcript.currentHash());
        Bytes clientFinished = HandshakeCodec.encode(new Finished(schedule.clientFinished(transcript.currentHash())));
        LabeledHkdf hkdf = schedule.hkdf();
        Bytes finishedRecord = HandshakeFrames.encryptedRecord(handshakeWriter, clientFinished);
        handshakeWriter.destroy();
        transcript.add(HandshakeType.FINISHED, clientFinished, true);
        schedule.destroy();
        handshakeReader.destroy();
        RecordCipher applicationCipher = confinedCipher(suite);
        establish(new Established(suite,
                new RecordWriter(hkdf, applicationCipher, secrets.client(), config.limits()),
                new RecordReader(hkdf, applicationCipher, secrets.server(), config.limits()),
                secrets.channelBinding(), identity, Fingerprint.of(identity.algorithm(), identity.publicKey()),
                transcript.steps()));
        state = State.COMPLETE;
        return List.of(finishedRecord);
    }

    /**
     * Tells the verifier that the server proved its key (signature and Finished verified), before any
     * application secret exists: a verifier that fails there (trust on first use whose pin cannot be
     * written) fails the handshake like any local failure, {@code internal_error} under the handshake
     * key, with every secret wiped and our Finished never sent (docs/PROTOCOL.md 5.10).
     */
    private void serverKeyProven() throws HandshakeException {
        try {
            config.serverKeyVerifier().handshakeCompleted(identity.algorithm(), identity.publicKey());
        } catch (RuntimeException e) {
            throw new HandshakeException(Alert.INTERNAL_ERROR, "the server key verifier failed after the server proved its key", e);
        }
    }
}
