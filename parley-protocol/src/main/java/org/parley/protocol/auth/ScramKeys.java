package org.parley.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashFunction;
import org.parley.crypto.IncrementalHash;
import org.parley.crypto.PasswordHasher;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.password.JcaPbkdf2PasswordHasher;

/**
 * The key arithmetic of RFC 5802 section 3 for one mechanism, composed from the crypto module's
 * HMAC, hash and PBKDF2 (Hi() is PBKDF2 with HMAC as PRF and the hash length as output length).
 */
final class ScramKeys {
    private static final Bytes CLIENT_KEY_LABEL = Bytes.utf8("Client Key");
    private static final Bytes SERVER_KEY_LABEL = Bytes.utf8("Server Key");

    private final ScramMechanism mechanism;
    private final HashFunction hash;

    ScramKeys(ScramMechanism mechanism) {
        this.mechanism = mechanism;
        this.hash = mechanism.hash().create();
    }

    /**
     * SaltedPassword := Hi(Normalize(password), salt, i). Counts below the OWASP minimum are
     * reachable only through the test seams of {@link ScramClient} and {@link ScramVerifier};
     * production callers check the count against {@link ScramMechanism#minimumIterations()} first.
     */
    SecretBytes saltedPassword(SecretBytes normalisedPassword, Bytes salt, int iterations) {
        PasswordHasher hi = iterations >= mechanism.minimumIterations()
                ? JcaPbkdf2PasswordHasher.of(mechanism.hash(), iterations)
                : JcaPbkdf2PasswordHasher.insecureForKnownAnswerTests(mechanism.hash(), iterations);
        return hi.derive(normalisedPassword, salt, mechanism.keyLength());
    }

    /** ClientKey := HMAC(SaltedPassword, "Client Key"). */
    SecretBytes clientKey(SecretBytes saltedPassword) {
        return hash.hmacSecret(saltedPassword, CLIENT_KEY_LABEL);
    }

    /** ServerKey := HMAC(SaltedPassword, "Server Key"). */
    Bytes serverKey(SecretBytes saltedPassword) {
        return hash.hmac(saltedPassword, SERVER_KEY_LABEL);
    }

    /** StoredKey := H(ClientKey). */
    Bytes storedKey(SecretBytes clientKey) {
        return hashAndWipe(clientKey.revealCopy());
    }

    /**
     * H(secret), then overwrites {@code secret}. Hashes through the incremental API so that no
     * immutable copy of the secret is made along the way.
     */
    Bytes hashAndWipe(byte[] secret) {
        try {
            IncrementalHash running = hash.start();
            running.update(secret, 0, secret.length);
            return running.snapshot();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** HMAC(key, AuthMessage): ClientSignature with StoredKey, ServerSignature with ServerKey. */
    Bytes signature(Bytes key, String authMessage) {
        try (SecretBytes secretKey = SecretBytes.copyOf(key.toByteArray())) {
            return hash.hmac(secretKey, Bytes.wrapOwned(authMessage.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * ClientProof := ClientKey XOR ClientSignature, and on the server ClientKey := ClientProof XOR
     * ClientSignature. Both inputs have the hash length; the caller wipes the result if secret.
     */
    static byte[] xor(byte[] left, Bytes right) {
        byte[] out = new byte[left.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (left[i] ^ right.get(i));
        }
        return out;
    }

    /** HMAC keyed by {@code key} over {@code data}, for the fake salt of unknown users. */
    Bytes hmac(SecretBytes key, Bytes data) {
        return hash.hmac(key, data);
    }
}
