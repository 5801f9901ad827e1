package org.parley.crypto.sig;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A {@link SecureRandom} that hands out one stored 32-byte seed, once, so that the JDK's ML-DSA
 * key generation can rebuild a key pair from its FIPS 204 seed &xi;.
 *
 * <p><b>Security.</b> Not a random source: it exists only inside {@link JcaMlDsa65} while a
 * stored key is restored. Any request other than the single 32-byte read the JDK makes, and any
 * use after {@link #wipe()}, throws, so the seed can never be handed out twice or silently padded.
 */
final class SeedReplayRandom extends SecureRandom {
    private final byte[] seed;
    private boolean consumed;

    SeedReplayRandom(byte[] seed) {
        super(new FailingSpi(), null);
        this.seed = seed.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        if (consumed || bytes.length != seed.length) {
            throw new IllegalStateException("ML-DSA key generation asked for unexpected randomness");
        }
        System.arraycopy(seed, 0, bytes, 0, seed.length);
        consumed = true;
    }

    /** Fails unless the seed was read exactly once. */
    synchronized void checkFullyConsumed() {
        if (!consumed) {
            throw new IllegalStateException("ML-DSA key generation did not read the seed");
        }
    }

    synchronized void wipe() {
        Arrays.fill(seed, (byte) 0);
        consumed = true;
    }

    /** Backs every other SecureRandom method: none of them may be used. */
    private static final class FailingSpi extends java.security.SecureRandomSpi {
        @Override
        protected void engineSetSeed(byte[] seed) {
            throw new IllegalStateException("SeedReplayRandom cannot be reseeded");
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            throw new IllegalStateException("SeedReplayRandom serves only its one seed");
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new IllegalStateException("SeedReplayRandom cannot generate seeds");
        }
    }
}
