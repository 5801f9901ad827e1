package org.parley.crypto.hash;

import java.security.MessageDigest;
import org.parley.crypto.Bytes;
import org.parley.crypto.IncrementalHash;

/** A running JCA digest whose snapshot clones the state instead of finishing it. */
final class JcaIncrementalHash implements IncrementalHash {
    private final MessageDigest digest;

    JcaIncrementalHash(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        digest.update(data, offset, length);
    }

    @Override
    public Bytes snapshot() {
        try {
            return Bytes.wrapOwned(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("digest cannot be cloned", e);
        }
    }
}
