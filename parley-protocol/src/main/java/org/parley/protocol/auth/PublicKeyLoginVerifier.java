package org.parley.protocol.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.VerificationKey;

/**
 * Checks a {@link PublicKeyLogin} against the connection's channel binding and the public keys
 * registered for the named user (server side; the caller looks the keys up).
 *
 * <p><b>Security.</b> Every failure that involves the user (key not registered for the user,
 * malformed key, bad signature, unknown user with no keys) gives the same
 * {@link AuthFailureCode#INVALID_CREDENTIALS} reply. The signature is verified before the key is
 * looked for in the registered set, so the time taken does not tell whether the key is registered.
 * A key that signed a successful login recently is kept validated ({@link LoginKeyCache}): its
 * next login skips the key's validation, never the signature check or the registry look-up.
 * An algorithm that is never allowed for login keys is answered with
 * {@link AuthFailureCode#UNSUPPORTED_METHOD} instead: that answer depends only on the algorithm
 * field, never on the account, so it reveals nothing about the user; {@link #refuseAlgorithm}
 * lets the server give it before it looks the account up at all.
 */
public final class PublicKeyLoginVerifier {
    private final Function<SignatureAlgorithm, SignatureScheme> schemes;
    private final LoginKeyCache recentKeys;

    /**
     * Verifies with the schemes {@code schemes} returns (in production
     * {@code SignatureAlgorithm::create}, see {@link #usingCryptoModule()}), keeping the
     * {@value LoginKeyCache#DEFAULT_CAPACITY} most recent successful login keys validated.
     */
    public PublicKeyLoginVerifier(Function<SignatureAlgorithm, SignatureScheme> schemes) {
        this(schemes, LoginKeyCache.DEFAULT_CAPACITY);
    }

    /** As above, keeping {@code recentKeys} validated login keys (0: none, every login validates its key). */
    public PublicKeyLoginVerifier(Function<SignatureAlgorithm, SignatureScheme> schemes, int recentKeys) {
        this.schemes = Objects.requireNonNull(schemes, "schemes");
        this.recentKeys = new LoginKeyCache(recentKeys);
    }

    /** A verifier using the crypto module's signature implementations. */
    public static PublicKeyLoginVerifier usingCryptoModule() {
        return new PublicKeyLoginVerifier(SignatureAlgorithm::create);
    }

    /**
     * Verifies {@code login} for the connection bound to {@code channelBinding}, given the keys
     * registered for {@code login.username()} (empty if the user does not exist).
     */
    public ServerAuthStep verify(PublicKeyLogin login, Bytes channelBinding, Set<RegisteredPublicKey> registeredKeys) {
        return verify(login, channelBinding, registeredKeys::contains);
    }

    /**
     * Verifies {@code login} for the connection bound to {@code channelBinding}, asking
     * {@code registry} whether the offered key is registered for {@code login.username()}.
     *
     * <p>The signature is verified first, against the offered key; then {@code registry} is asked
     * exactly once, whatever the signature's verdict, and nothing else depends on the account.
     * A server whose registry does the same work for every name (one indexed look-up of the
     * (name, key) pair) therefore takes the same time for known and unknown users.
     *
     * @param <E> what the registry may throw (a storage failure); passed through unchanged
     */
    public <E extends Exception> ServerAuthStep verify(PublicKeyLogin login, Bytes channelBinding,
                                                       KeyRegistry<E> registry) throws E {
        ChannelBinding.require(channelBinding);
        Optional<ServerAuthStep.Failed> unsupported = refuseAlgorithm(login);
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        Bytes signed = PublicKeyLoginSigner.signedMessage(login.username(), login.algorithm(), login.publicKey(), channelBinding);
        RegisteredPublicKey offered = new RegisteredPublicKey(login.algorithm(), login.publicKey());
        Optional<VerificationKey> key = validated(offered);
        boolean signatureOk = key.isPresent() && key.get().verify(signed, login.signature());
        boolean registered = registry.isRegistered(offered);
        if (!signatureOk) {
            return failed(ServerAuthStep.Detail.BAD_SIGNATURE);
        }
        if (!registered) {
            return failed(ServerAuthStep.Detail.KEY_NOT_REGISTERED);
        }
        recentKeys.remember(offered, key.get());
        AuthSucceeded success = new AuthSucceeded(login.username(), AuthMethod.PUBLIC_KEY);
        return new ServerAuthStep.Succeeded(login.username(), AuthMethod.PUBLIC_KEY, List.of(success));
    }

    /**
     * The {@link AuthFailureCode#UNSUPPORTED_METHOD} refusal if {@code login}'s algorithm is not
     * one of {@link PublicKeyLoginSigner#ALLOWED_ALGORITHMS}, else empty. It looks at the algorithm
     * field only, so a server can call it before looking the user up, and the answer is the same
     * for every user name, existing or not.
     */
    public static Optional<ServerAuthStep.Failed> refuseAlgorithm(PublicKeyLogin login) {
        if (PublicKeyLoginSigner.ALLOWED_ALGORITHMS.contains(login.algorithm())) {
            return Optional.empty();
        }
        return Optional.of(new ServerAuthStep.Failed(AuthFailed.of(AuthFailureCode.UNSUPPORTED_METHOD),
                ServerAuthStep.Detail.UNSUPPORTED_ALGORITHM));
    }

    /** The offered key decoded and validated, from the recent logins if it signed one; empty if malformed. */
    private Optional<VerificationKey> validated(RegisteredPublicKey offered) {
        Optional<VerificationKey> recent = recentKeys.find(offered);
        if (recent.isPresent()) {
            return recent;
        }
        try {
            return Optional.of(schemes.apply(offered.algorithm().algorithm()).verificationKey(offered.publicKey()));
        } catch (InvalidKeyMaterialException e) {
            return Optional.empty();
        }
    }

    private static ServerAuthStep failed(ServerAuthStep.Detail detail) {
        return new ServerAuthStep.Failed(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS), detail);
    }
}
