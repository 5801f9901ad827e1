package org.parley.crypto.kex;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;

/**
 * A {@link SecureRandom} that serves one stored seed front to back, in whatever read sizes the
 * JDK's ML-KEM key generator asks for, so a key pair can be rebuilt from d ‖ z.
 *
 * <p><b>Security.</b> Not a random source. Asking for more than the seed, or finishing without
 * reading all of it, throws, so the seed is never padded or silently reused.
 */
final class SeedStream extends SecureRandom {
    private final byte[] seed;
    private int position;

    SeedStream(byte[] seed) {
        super(new FailingSpi(), null);
        this.seed = seed.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        if (bytes.length > seed.length - position) {
            throw new IllegalStateException("ML-KEM key generation asked for more than its seed");
        }
        System.arraycopy(seed, position, bytes, 0, bytes.length);
        position += bytes.length;
    }

    synchronized void checkFullyConsumed() {
        boolean complete = position == seed.length;
        Arrays.fill(seed, (byte) 0);
        if (!complete) {
            throw new IllegalStateException("ML-KEM key generation did not read its whole seed");
        }
    }

    /** Backs every other SecureRandom method: none of them may be used. */
    private static final class FailingSpi extends SecureRandomSpi {
        @Override
        protected void engineSetSeed(byte[] seed) {
            throw new IllegalStateException("SeedStream cannot be reseeded");
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            throw new IllegalStateException("SeedStream serves only its seed");
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new IllegalStateException("SeedStream cannot generate seeds");
        }
    }
}
