package org.parley.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret key material: shared secrets, traffic secrets, private keys, password-derived keys.
 *
 * <p><b>Security.</b> {@link #toString()} shows only the length, never the bytes. {@link #equals}
 * compares in constant time. {@link #destroy()} overwrites the bytes with zeros; any later access
 * throws {@link IllegalStateException}, so a use-after-wipe is a loud bug instead of a silent
 * all-zero key. Access to the raw bytes is deliberately named {@link #revealCopy()} so every use
 * can be found with grep.
 */
public final class SecretBytes implements AutoCloseable {
    private final byte[] data;
    private volatile boolean destroyed;

    private SecretBytes(byte[] data) {
        this.data = data;
    }

    /** Copies {@code data}; the caller remains responsible for wiping its own array. */
    public static SecretBytes copyOf(byte[] data) {
        return new SecretBytes(data.clone());
    }

    /** Copies a range of {@code data}. */
    public static SecretBytes copyOf(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        return new SecretBytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Takes ownership of {@code data}: the caller must not keep a reference to it. */
    public static SecretBytes wrapOwned(byte[] data) {
        return new SecretBytes(data);
    }

    /** Returns {@code length} zero bytes (used as an HKDF input where no secret exists yet). */
    public static SecretBytes zeros(int length) {
        return new SecretBytes(new byte[length]);
    }

    public int length() {
        return data.length;
    }

    /** Returns a copy of the secret bytes; the caller must wipe it after use. */
    public byte[] revealCopy() {
        checkAlive();
        return data.clone();
    }

    /** Returns true when every byte is zero, computed without an early exit. */
    public boolean isAllZero() {
        checkAlive();
        int acc = 0;
        for (byte b : data) {
            acc |= b;
        }
        return acc == 0;
    }

    /** Overwrites the secret with zeros. Idempotent. */
    public void destroy() {
        Arrays.fill(data, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** Same as {@link #destroy()}, so a secret can live in try-with-resources. */
    @Override
    public void close() {
        destroy();
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
    }

    /** Constant-time comparison of two secrets of any length. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SecretBytes other)) {
            return false;
        }
        checkAlive();
        other.checkAlive();
        return MessageDigest.isEqual(data, other.data);
    }

    /** Secrets are not meant to be map keys; a constant hash keeps equals consistent without leaking. */
    @Override
    public int hashCode() {
        return SecretBytes.class.hashCode();
    }

    @Override
    public String toString() {
        return "SecretBytes[" + data.length + " bytes" + (destroyed ? ", destroyed]" : "]");
    }
}
