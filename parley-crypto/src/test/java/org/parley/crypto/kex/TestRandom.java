package org.parley.crypto.kex;

import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.parley.crypto.Bytes;

/**
 * Deterministic {@link SecureRandom}s for byte-exact vectors: a fixed byte string that must be
 * consumed exactly, or an endless SHAKE256 stream from a seed. Test code only.
 */
final class TestRandom extends SecureRandom {
    private final transient SHAKEDigest stream;
    private final byte[] fixed;
    private int position;

    private TestRandom(SHAKEDigest stream, byte[] fixed) {
        this.stream = stream;
        this.fixed = fixed;
    }

    /** Serves exactly these bytes, in order, and fails if asked for more. */
    static TestRandom fixed(Bytes... chunks) {
        return new TestRandom(null, Bytes.concat(chunks).toByteArray());
    }

    /** Serves SHAKE256(seed) without end: the first 96 bytes are X-Wing's expanded key seed. */
    static TestRandom shake256(Bytes seed) {
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(seed.toByteArray(), 0, seed.length());
        return new TestRandom(shake, null);
    }

    /** A SHAKE256 stream seeded from a label, for tests that only need repeatability. */
    static TestRandom seeded(String label) {
        return shake256(Bytes.utf8(label));
    }

    /** How many fixed bytes remain unread (always 0 for a stream). */
    int remaining() {
        return fixed == null ? 0 : fixed.length - position;
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        if (stream != null) {
            stream.doOutput(bytes, 0, bytes.length);
            return;
        }
        if (bytes.length > fixed.length - position) {
            throw new IllegalStateException("fixed randomness exhausted: asked " + bytes.length
                    + ", " + (fixed.length - position) + " left");
        }
        System.arraycopy(fixed, position, bytes, 0, bytes.length);
        position += bytes.length;
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] seed = new byte[numBytes];
        nextBytes(seed);
        return seed;
    }
}
