package org.parley.protocol.auth;

import java.security.SecureRandom;
import java.util.Objects;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * What a server stores to check a SCRAM login (RFC 5802 section 3): salt, iteration count,
 * StoredKey = H(HMAC(SaltedPassword, "Client Key")) and ServerKey = HMAC(SaltedPassword, "Server Key").
 *
 * <p>The client computes it with {@link #create} at registration and sends it in {@link Register},
 * so the password never leaves the client.
 *
 * <p><b>Security.</b> A verifier lets whoever holds it impersonate the server to the user and run
 * an offline guessing attack costing {@code iterations} PBKDF2 rounds per guess; store it like a
 * password hash. StoredKey alone does not let anyone log in (that needs ClientKey).
 */
public record ScramVerifier(ScramMechanism mechanism, Bytes salt, int iterations, Bytes storedKey, Bytes serverKey) {
    /** Salt length new verifiers use, and the length of the fake salts of unknown users. */
    public static final int SALT_LENGTH = 16;

    public ScramVerifier {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
        // Only structural bounds (the codec's maxima) here; RegistrationValidator applies the policy.
        if (iterations < 1 || iterations > ScramMechanism.MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + ScramMechanism.MAX_ITERATIONS);
        }
        requireLength(salt, AuthCodec.MAX_SALT, "salt");
        requireLength(storedKey, AuthCodec.MAX_KEY, "stored key");
        requireLength(serverKey, AuthCodec.MAX_KEY, "server key");
    }

    private static void requireLength(Bytes value, int max, String field) {
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(field + " must be 1.." + max + " bytes");
        }
    }

    /**
     * Computes a verifier for {@code normalisedPassword} (see {@link Passwords#normalise}) with a
     * fresh 16-byte salt and the mechanism's default iteration count. Slow by design (about
     * 160 ms for SCRAM-SHA-256): call it off any UI or event-loop thread.
     */
    public static ScramVerifier create(ScramMechanism mechanism, SecretBytes normalisedPassword, SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return derive(mechanism, normalisedPassword, Bytes.wrapOwned(salt), mechanism.defaultIterations());
    }

    /**
     * Test seam: a verifier with any salt and iteration count, including counts below the OWASP
     * minimum that a real server would refuse. Package-private so production code cannot reach it.
     */
    static ScramVerifier insecureForTests(ScramMechanism mechanism, SecretBytes normalisedPassword, Bytes salt, int iterations) {
        return derive(mechanism, normalisedPassword, salt, iterations);
    }

    private static ScramVerifier derive(ScramMechanism mechanism, SecretBytes password, Bytes salt, int iterations) {
        ScramKeys keys = new ScramKeys(mechanism);
        try (SecretBytes salted = keys.saltedPassword(password, salt, iterations);
             SecretBytes clientKey = keys.clientKey(salted)) {
            return new ScramVerifier(mechanism, salt, iterations, keys.storedKey(clientKey), keys.serverKey(salted));
        }
    }

    /** Shows the mechanism, salt length and iterations only; the keys stay out of logs. */
    @Override
    public String toString() {
        return "ScramVerifier[" + mechanism + ", salt " + salt.length() + " bytes, i=" + iterations + "]";
    }
}
