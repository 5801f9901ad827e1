package org.parley.protocol.auth;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * The server side of one SCRAM-SHA-256/512 login (RFC 5802, RFC 7677), bound to the channel.
 *
 * <p>Usage: pass the client's messages to {@link #receive}; when it returns
 * {@link ServerAuthStep.LookUpUser}, fetch the stored {@link ScramVerifier} (this class does no
 * storage or I/O) and call {@link #userLookedUp}. The server never runs PBKDF2.
 *
 * <p><b>Security.</b>
 * <ul>
 *   <li>Channel binding is mandatory: a client-first message with gs2 flag "n" or "y", or another
 *       binding type, fails with {@link AuthFailureCode#CHANNEL_BINDING_REQUIRED}; the client-final
 *       {@code c=} value must equal the gs2 header followed by this connection's 32-byte binding,
 *       so an exchange relayed from another connection fails.</li>
 *   <li>Unknown users get a server-first message of the same form as real ones: a 16-byte salt
 *       HMAC-SHA256(serverSecret, "parley fake salt" || mechanism code || canonical user name)
 *       (stable per name and the same for every spelling of it that {@link Usernames#canonical}
 *       makes one account, so neither repeated probes nor "name" against "NAME" see a difference),
 *       the default iteration count, and fake keys; the
 *       final step runs the same computation and fails with the same {@link AuthFailed} as a
 *       wrong password.</li>
 *   <li>Every final-step failure (wrong proof, unknown user, binding or nonce mismatch) is the one
 *       code {@link AuthFailureCode#INVALID_CREDENTIALS}; all checks run before the verdict and the
 *       proof is compared in constant time.</li>
 * </ul>
 */
public final class ScramServer {
    /** The channel-binding type named in Parley's gs2 header. */
    public static final String CHANNEL_BINDING_NAME = "parley-exporter";
    /** Longest client nonce accepted, in characters. */
    static final int MAX_CLIENT_NONCE = 64;
    /** Longest combined nonce a client accepts from a server. */
    static final int MAX_COMBINED_NONCE = 128;
    private static final Bytes FAKE_SALT_LABEL = Bytes.utf8("parley fake salt");
    private static final Bytes FAKE_KEY_LABEL = Bytes.utf8("parley fake key");

    private enum State { AWAIT_CLIENT_FIRST, AWAIT_LOOKUP, AWAIT_CLIENT_FINAL, DONE }

    private final Bytes channelBinding;
    private final SecretBytes serverSecret;
    private final SecureRandom random;
    private final boolean allowNoChannelBinding;
    private final Optional<String> fixedServerNonce;
    private State state = State.AWAIT_CLIENT_FIRST;
    private ScramMechanism mechanism;
    private String username;
    private String gs2Header;
    private Bytes channelBindingData;
    private String clientFirstBare;
    private String clientNonce;
    private String combinedNonce;
    private String serverFirst;
    private ScramVerifier verifier;
    private boolean knownUser;

    private ScramServer(Bytes channelBinding, SecretBytes serverSecret, SecureRandom random,
                        boolean allowNoChannelBinding, Optional<String> fixedServerNonce) {
        this.channelBinding = ChannelBinding.require(channelBinding);
        if (serverSecret.length() != 32) {
            throw new IllegalArgumentException("server secret must be 32 bytes");
        }
        this.serverSecret = serverSecret;
        this.random = Objects.requireNonNull(random, "random");
        this.allowNoChannelBinding = allowNoChannelBinding;
        this.fixedServerNonce = fixedServerNonce;
    }

    /**
     * Starts one exchange on a connection whose channel binding is {@code channelBinding}.
     * {@code serverSecret} is the server's long-lived 32-byte secret for unknown-user salts; it
     * must stay the same across restarts, or fake salts would change and reveal the unknown names.
     */
    public static ScramServer create(Bytes channelBinding, SecretBytes serverSecret, SecureRandom random) {
        return new ScramServer(channelBinding, serverSecret, random, false, Optional.empty());
    }

    /**
     * Test seam for RFC 7677 section 3: also accepts gs2 flag "n" (no channel binding) and uses a
     * fixed server nonce. Never for a real server.
     */
    static ScramServer insecureKnownAnswer(Bytes channelBinding, SecretBytes serverSecret, String serverNonce) {
        return new ScramServer(channelBinding, serverSecret, new SecureRandom(), true, Optional.of(serverNonce));
    }

    /** Advances the exchange with a message from the client. */
    public ServerAuthStep receive(AuthMessage message) {
        return switch (message) {
            case ScramClientFirst first when state == State.AWAIT_CLIENT_FIRST -> onClientFirst(first);
            case ScramClientFinal last when state == State.AWAIT_CLIENT_FINAL -> onClientFinal(last);
            case ScramClientFirst _, ScramClientFinal _, ScramServerFirst _, ScramServerFinal _, PublicKeyLogin _,
                 Register _, AuthSucceeded _, AuthFailed _ ->
                    fail(AuthFailureCode.UNEXPECTED_MESSAGE, ServerAuthStep.Detail.UNEXPECTED_MESSAGE);
        };
    }

    /**
     * Continues after {@link ServerAuthStep.LookUpUser} with the stored verifier, or empty if the
     * user does not exist (or has no verifier for this mechanism).
     *
     * @throws IllegalStateException if no lookup was requested
     */
    public ServerAuthStep userLookedUp(Optional<ScramVerifier> stored) {
        if (state != State.AWAIT_LOOKUP) {
            throw new IllegalStateException("no user lookup pending");
        }
        Optional<ScramVerifier> usable = stored.filter(v -> v.mechanism() == mechanism);
        knownUser = usable.isPresent();
        // Computed for known users too, so both paths do the same work before answering.
        ScramVerifier fake = fakeVerifier();
        verifier = usable.orElse(fake);
        combinedNonce = clientNonce + fixedServerNonce.orElseGet(() -> ScramText.newNonce(random, ScramClient.NONCE_BYTES));
        serverFirst = "r=" + combinedNonce + ",s=" + ScramText.base64(verifier.salt()) + ",i=" + verifier.iterations();
        state = State.AWAIT_CLIENT_FINAL;
        return new ServerAuthStep.Reply(new ScramServerFirst(serverFirst));
    }

    private ServerAuthStep onClientFirst(ScramClientFirst message) {
        String text = message.text();
        int flagEnd = text.indexOf(',');
        int authzidEnd = flagEnd < 0 ? -1 : text.indexOf(',', flagEnd + 1);
        // Parley defines no authorization identity: the gs2 header is "<flag>,,".
        if (authzidEnd != flagEnd + 1) {
            return fail(AuthFailureCode.MALFORMED_MESSAGE, ServerAuthStep.Detail.MALFORMED);
        }
        String flag = text.substring(0, flagEnd);
        if (flag.equals("p=" + CHANNEL_BINDING_NAME)) {
            channelBindingData = channelBinding;
        } else if (flag.equals("n") && allowNoChannelBinding) {
            channelBindingData = Bytes.empty();
        } else if (flag.equals("n") || flag.equals("y") || flag.startsWith("p=")) {
            return fail(AuthFailureCode.CHANNEL_BINDING_REQUIRED, ServerAuthStep.Detail.GS2_FLAG_REJECTED);
        } else {
            return fail(AuthFailureCode.MALFORMED_MESSAGE, ServerAuthStep.Detail.MALFORMED);
        }
        gs2Header = text.substring(0, authzidEnd + 1);
        clientFirstBare = text.substring(authzidEnd + 1);
        try {
            String[] parts = ScramText.split(clientFirstBare, 2);
            username = ScramText.decodeSaslName(ScramText.attribute(parts[0], 'n'));
            clientNonce = ScramText.attribute(parts[1], 'r');
        } catch (ScramSyntaxException e) {
            return fail(AuthFailureCode.MALFORMED_MESSAGE, ServerAuthStep.Detail.MALFORMED);
        }
        if (!Usernames.isValid(username) || !ScramText.isValidNonce(clientNonce, MAX_CLIENT_NONCE)) {
            return fail(AuthFailureCode.MALFORMED_MESSAGE, ServerAuthStep.Detail.MALFORMED);
        }
        mechanism = message.mechanism();
        state = State.AWAIT_LOOKUP;
        return new ServerAuthStep.LookUpUser(username, mechanism);
    }

    private ServerAuthStep onClientFinal(ScramClientFinal message) {
        Bytes cbind;
        String nonce;
        Bytes proof;
        String[] parts;
        try {
            parts = ScramText.split(message.text(), 3);
            cbind = ScramText.decodeBase64(ScramText.attribute(parts[0], 'c'));
            nonce = ScramText.attribute(parts[1], 'r');
            proof = ScramText.decodeBase64(ScramText.attribute(parts[2], 'p'));
        } catch (ScramSyntaxException e) {
            return fail(AuthFailureCode.MALFORMED_MESSAGE, ServerAuthStep.Detail.MALFORMED);
        }
        if (proof.length() != mechanism.keyLength()) {
            return fail(AuthFailureCode.MALFORMED_MESSAGE, ServerAuthStep.Detail.MALFORMED);
        }
        ScramKeys keys = new ScramKeys(mechanism);
        String authMessage = clientFirstBare + "," + serverFirst + "," + parts[0] + "," + parts[1];
        Bytes clientSignature = keys.signature(verifier.storedKey(), authMessage);
        byte[] recoveredClientKey = ScramKeys.xor(proof.toByteArray(), clientSignature);
        boolean proofOk = keys.hashAndWipe(recoveredClientKey).constantTimeEquals(verifier.storedKey());
        boolean bindingOk = cbind.constantTimeEquals(Bytes.concat(Bytes.utf8(gs2Header), channelBindingData));
        boolean nonceOk = nonce.equals(combinedNonce);
        if (bindingOk & nonceOk & proofOk & knownUser) {
            state = State.DONE;
            Bytes serverSignature = keys.signature(verifier.serverKey(), authMessage);
            List<AuthMessage> replies = List.of(new ScramServerFinal("v=" + ScramText.base64(serverSignature)),
                    new AuthSucceeded(username, mechanism.method()));
            return new ServerAuthStep.Succeeded(username, mechanism.method(), replies);
        }
        ServerAuthStep.Detail detail = !bindingOk ? ServerAuthStep.Detail.CHANNEL_BINDING_MISMATCH
                : !nonceOk ? ServerAuthStep.Detail.NONCE_MISMATCH
                : !knownUser ? ServerAuthStep.Detail.UNKNOWN_USER
                : ServerAuthStep.Detail.WRONG_PASSWORD;
        return fail(AuthFailureCode.INVALID_CREDENTIALS, detail);
    }

    /**
     * Salt and keys for a user who does not exist, stable per (mechanism, canonical name) and
     * secret. Derived from the canonical name, the key real accounts are found by, so "name" and
     * "NAME" get the same salt whether or not the account exists.
     */
    private ScramVerifier fakeVerifier() {
        Bytes input = Bytes.concat(Bytes.wrapOwned(new byte[] {(byte) mechanism.code()}),
                Bytes.utf8(Usernames.canonical(username)));
        Bytes salt = new ScramKeys(ScramMechanism.SCRAM_SHA_256).hmac(serverSecret, Bytes.concat(FAKE_SALT_LABEL, input))
                .slice(0, ScramVerifier.SALT_LENGTH);
        Bytes fakeKey = new ScramKeys(mechanism).hmac(serverSecret, Bytes.concat(FAKE_KEY_LABEL, input));
        return new ScramVerifier(mechanism, salt, mechanism.defaultIterations(), fakeKey, fakeKey);
    }

    private ServerAuthStep fail(AuthFailureCode code, ServerAuthStep.Detail detail) {
        state = State.DONE;
        return new ServerAuthStep.Failed(AuthFailed.of(code), detail);
    }
}
