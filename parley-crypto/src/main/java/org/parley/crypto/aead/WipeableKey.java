package org.parley.crypto.aead;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw JCA secret key that, unlike {@code SecretKeySpec}, can actually be wiped.
 *
 * <p><b>Security.</b> {@link #destroy()} overwrites the only copy this object holds; the JCA
 * provider's own expanded key schedule is released with the {@code Cipher} or {@code Mac} that
 * used it (or overwritten by keying that object again, as {@code JcaHashFunction} does). The key
 * refuses Java serialization so it can never be written out by accident.
 */
public final class WipeableKey implements SecretKey {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final byte[] key;
    private volatile boolean destroyed;

    /** Takes ownership of {@code key}; the caller must not keep the array. */
    public WipeableKey(String algorithm, byte[] key) {
        this.algorithm = algorithm;
        this.key = key;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    /** Returns a copy, as the JCA contract requires; providers wipe or drop it after keying. */
    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key was destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "WipeableKey[" + algorithm + ", " + key.length + " bytes]";
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("secret keys are never serialized");
    }
}
