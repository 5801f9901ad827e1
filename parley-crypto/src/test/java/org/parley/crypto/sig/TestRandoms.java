package org.parley.crypto.sig;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/** SecureRandom instances for tests: a reproducible stream, and one that fails when touched. */
final class TestRandoms {

    private TestRandoms() {
    }

    /**
     * A reproducible stream: the SUN provider's SHA1PRNG is fully determined by a seed set
     * before its first output. Test use only.
     */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG", "SUN");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SecureRandom that throws on any use, to prove a deterministic algorithm ignores it. */
    static SecureRandom unusable() {
        return new SecureRandom(new SecureRandomSpi() {
            @Override
            protected void engineSetSeed(byte[] seed) {
                throw new AssertionError("deterministic signing touched the SecureRandom");
            }

            @Override
            protected void engineNextBytes(byte[] bytes) {
                throw new AssertionError("deterministic signing touched the SecureRandom");
            }

            @Override
            protected byte[] engineGenerateSeed(int numBytes) {
                throw new AssertionError("deterministic signing touched the SecureRandom");
            }
        }, null) {
        };
    }
}
