package org.parley.protocol.auth;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * The client side of a SCRAM-SHA-256/512 login (RFC 5802, RFC 7677) bound to the secure channel.
 *
 * <p>Usage: send {@link #firstMessage()}, then pass each server message to {@link #receive};
 * the returned {@link ScramClientStep} says what to send or whether the login ended. Pure: no
 * I/O, no threads. {@link #receive} of the server-first message runs PBKDF2 (about 160 ms for
 * SCRAM-SHA-256), so call it off any UI or event-loop thread.
 *
 * <p><b>Security.</b> The gs2 header is always {@code p=parley-exporter,,}: the proof covers the
 * connection's 32-byte channel-binding value, so a proof relayed to another connection fails.
 * The client refuses server-first messages below the mechanism's minimum iteration count and
 * verifies ServerSignature in constant time before accepting {@link AuthSucceeded}. The password
 * is wiped as soon as the proof is computed, on any failure, and by {@link #close()}.
 */
public final class ScramClient implements AutoCloseable {
    static final String PARLEY_GS2_HEADER = "p=" + ScramServer.CHANNEL_BINDING_NAME + ",,";
    static final int NONCE_BYTES = 24;

    private enum State { AWAIT_SERVER_FIRST, AWAIT_SERVER_FINAL, AWAIT_SUCCESS, DONE }

    private final ScramMechanism mechanism;
    private final ScramKeys keys;
    private final String username;
    private final SecretBytes password;
    private final String gs2Header;
    private final Bytes channelBindingData;
    private final String clientNonce;
    private final int minimumIterations;
    private final String clientFirstBare;
    private Bytes expectedServerSignature;
    private State state = State.AWAIT_SERVER_FIRST;

    private ScramClient(ScramMechanism mechanism, String username, SecretBytes normalisedPassword, String gs2Header,
                        Bytes channelBindingData, String clientNonce, int minimumIterations) {
        this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
        this.keys = new ScramKeys(mechanism);
        this.username = Usernames.normalise(username);
        this.password = SecretBytes.wrapOwned(normalisedPassword.revealCopy());
        this.gs2Header = gs2Header;
        this.channelBindingData = channelBindingData;
        this.clientNonce = clientNonce;
        this.minimumIterations = minimumIterations;
        this.clientFirstBare = "n=" + ScramText.encodeSaslName(this.username) + ",r=" + clientNonce;
    }

    /**
     * Starts a login as {@code username} (normalised to NFC here) with a password from
     * {@link Passwords#normalise}, bound to {@code channelBinding} (32 bytes from the handshake).
     * The client keeps its own copy of the password; the caller may destroy its own.
     */
    public static ScramClient start(ScramMechanism mechanism, String username, SecretBytes normalisedPassword,
                                    Bytes channelBinding, SecureRandom random) {
        return insecureWithMinimumIterations(mechanism, username, normalisedPassword, channelBinding, random,
                mechanism.minimumIterations());
    }

    /** Test seam: channel-bound like {@link #start} but accepting fewer iterations, to keep tests fast. */
    static ScramClient insecureWithMinimumIterations(ScramMechanism mechanism, String username, SecretBytes password,
                                                     Bytes channelBinding, SecureRandom random, int minimumIterations) {
        ChannelBinding.require(channelBinding);
        return new ScramClient(mechanism, username, password, PARLEY_GS2_HEADER, channelBinding,
                ScramText.newNonce(random, NONCE_BYTES), minimumIterations);
    }

    /**
     * Test seam for RFC 7677 section 3's known-answer exchange: gs2 header {@code n,,} (no channel
     * binding), a fixed client nonce and any iteration count. Production servers reject it.
     */
    static ScramClient insecureKnownAnswerWithoutChannelBinding(ScramMechanism mechanism, String username,
                                                                SecretBytes password, String clientNonce) {
        return new ScramClient(mechanism, username, password, "n,,", Bytes.empty(), clientNonce, 1);
    }

    /** The client-first-message to send. */
    public ScramClientFirst firstMessage() {
        return new ScramClientFirst(mechanism, gs2Header + clientFirstBare);
    }

    /** Advances the exchange with a message from the server. */
    public ScramClientStep receive(AuthMessage message) {
        return switch (message) {
            case ScramServerFirst first when state == State.AWAIT_SERVER_FIRST -> onServerFirst(first);
            case ScramServerFinal last when state == State.AWAIT_SERVER_FINAL -> onServerFinal(last);
            case AuthSucceeded success when state == State.AWAIT_SUCCESS -> onSucceeded(success);
            case AuthFailed failed when state != State.DONE ->
                    fail(ScramClientStep.Reason.REJECTED_BY_SERVER, Optional.of(failed));
            case ScramServerFirst _, ScramServerFinal _, AuthSucceeded _, AuthFailed _, ScramClientFirst _,
                 ScramClientFinal _, PublicKeyLogin _, Register _ ->
                    fail(ScramClientStep.Reason.UNEXPECTED_MESSAGE, Optional.empty());
        };
    }

    private ScramClientStep onServerFirst(ScramServerFirst message) {
        String[] parts;
        String nonce;
        Bytes salt;
        int iterations;
        try {
            parts = ScramText.split(message.text(), 3);
            nonce = ScramText.attribute(parts[0], 'r');
            salt = ScramText.decodeBase64(ScramText.attribute(parts[1], 's'));
            iterations = ScramText.parseCount(ScramText.attribute(parts[2], 'i'), ScramMechanism.MAX_ITERATIONS);
        } catch (ScramSyntaxException e) {
            return fail(ScramClientStep.Reason.MALFORMED_SERVER_MESSAGE, Optional.empty());
        }
        if (salt.isEmpty() || salt.length() > AuthCodec.MAX_SALT) {
            return fail(ScramClientStep.Reason.MALFORMED_SERVER_MESSAGE, Optional.empty());
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()
                || !ScramText.isValidNonce(nonce, ScramServer.MAX_COMBINED_NONCE)) {
            return fail(ScramClientStep.Reason.NONCE_MISMATCH, Optional.empty());
        }
        if (iterations < minimumIterations) {
            return fail(ScramClientStep.Reason.ITERATIONS_TOO_LOW, Optional.empty());
        }
        Bytes cbind = Bytes.concat(Bytes.utf8(gs2Header), channelBindingData);
        String withoutProof = "c=" + ScramText.base64(cbind) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + message.text() + "," + withoutProof;
        Bytes proof;
        try (SecretBytes salted = keys.saltedPassword(password, salt, iterations);
             SecretBytes clientKey = keys.clientKey(salted)) {
            Bytes clientSignature = keys.signature(keys.storedKey(clientKey), authMessage);
            byte[] clientKeyBytes = clientKey.revealCopy();
            proof = Bytes.wrapOwned(ScramKeys.xor(clientKeyBytes, clientSignature));
            Arrays.fill(clientKeyBytes, (byte) 0);
            expectedServerSignature = keys.signature(keys.serverKey(salted), authMessage);
        } finally {
            password.destroy();
        }
        state = State.AWAIT_SERVER_FINAL;
        return new ScramClientStep.Send(new ScramClientFinal(withoutProof + ",p=" + ScramText.base64(proof)));
    }

    private ScramClientStep onServerFinal(ScramServerFinal message) {
        Bytes signature;
        try {
            signature = ScramText.decodeBase64(ScramText.attribute(ScramText.split(message.text(), 1)[0], 'v'));
        } catch (ScramSyntaxException e) {
            return fail(ScramClientStep.Reason.MALFORMED_SERVER_MESSAGE, Optional.empty());
        }
        if (!signature.constantTimeEquals(expectedServerSignature)) {
            return fail(ScramClientStep.Reason.SERVER_SIGNATURE_INVALID, Optional.empty());
        }
        state = State.AWAIT_SUCCESS;
        return new ScramClientStep.ServerVerified();
    }

    private ScramClientStep onSucceeded(AuthSucceeded message) {
        // The server names the account as registered, which may be another spelling of the
        // name typed here ("Alice" for "ALICE"); it must be the same account.
        if (!Usernames.canonical(message.username()).equals(Usernames.canonical(username))
                || message.method() != mechanism.method()) {
            return fail(ScramClientStep.Reason.IDENTITY_MISMATCH, Optional.empty());
        }
        state = State.DONE;
        return new ScramClientStep.Authenticated(message.username(), message.method());
    }

    /** Abandons the exchange and wipes the password if it is still held. Idempotent. */
    @Override
    public void close() {
        state = State.DONE;
        password.destroy();
    }

    private ScramClientStep fail(ScramClientStep.Reason reason, Optional<AuthFailed> serverMessage) {
        state = State.DONE;
        password.destroy();
        return new ScramClientStep.Failed(reason, serverMessage);
    }

}
