package org.parley.protocol.auth;

import java.security.SecureRandom;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/** Fixed channel bindings, server secrets and a seeded random source for the auth tests. */
final class TestBindings {
    private TestBindings() {
    }

    /** A 32-byte channel binding filled with {@code value}, standing in for one connection. */
    static Bytes binding(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return Bytes.wrapOwned(bytes);
    }

    static SecretBytes serverSecret() {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) 0x5e);
        return SecretBytes.wrapOwned(bytes);
    }

    /** A deterministic generator, so failures reproduce. */
    static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
