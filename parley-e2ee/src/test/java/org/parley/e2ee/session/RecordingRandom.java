package org.parley.e2ee.session;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;

/**
 * A test random that records what it hands out, and its counterpart that replays only the first
 * 32 bytes of a recording (an X25519 ratchet key) and serves unrelated bytes after that (the
 * ML-KEM randomness an attacker who breaks only X25519 does not learn).
 */
final class RecordingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient SecureRandom source;
    private final transient ByteArrayOutputStream recorded = new ByteArrayOutputStream();

    RecordingRandom(SecureRandom source) {
        this.source = source;
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
        recorded.writeBytes(bytes);
    }

    /** Everything handed out so far. */
    org.parley.crypto.Bytes recorded() {
        return org.parley.crypto.Bytes.wrapOwned(recorded.toByteArray());
    }

    /** A random that knows this recording's X25519 part only. */
    SecureRandom x25519PartOnly(SecureRandom unrelated) {
        byte[] known = recorded.toByteArray();
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;
            private int position;

            @Override
            public synchronized void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++, position++) {
                    bytes[i] = position < 32 && position < known.length ? known[position] : (byte) unrelated.nextInt();
                }
            }
        };
    }
}
