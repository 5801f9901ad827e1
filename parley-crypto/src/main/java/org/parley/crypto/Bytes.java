package org.parley.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of public (non-secret) bytes: encoded keys, signatures, wire fields.
 *
 * <p>Records in Parley never hold a bare {@code byte[]}; they hold this type, so that equality,
 * hashing and printing behave like values and nobody can mutate a field after validation.
 * Secret material uses {@link SecretBytes} instead.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Returns the empty byte sequence. */
    public static Bytes empty() {
        return EMPTY;
    }

    /** Copies {@code data} into a new immutable value. */
    public static Bytes copyOf(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Copies {@code length} bytes of {@code data} starting at {@code offset}. */
    public static Bytes copyOf(byte[] data, int offset, int length) {
        // Arrays.copyOfRange would silently pad past the end; a range outside the array is a bug.
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Copies the remaining bytes of {@code buffer} without moving its position. */
    public static Bytes copyOf(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy.length == 0 ? EMPTY : new Bytes(copy);
    }

    /**
     * Takes ownership of {@code data} without copying. The caller must not keep or modify the
     * array afterwards; used only where the array was just created for this value.
     */
    public static Bytes wrapOwned(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    /** Parses lowercase or uppercase hexadecimal. */
    public static Bytes fromHex(String hex) {
        return wrapOwned(HEX.parseHex(hex));
    }

    /** Encodes {@code text} as UTF-8. */
    public static Bytes utf8(String text) {
        return wrapOwned(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Concatenates the given values. */
    public static Bytes concat(Bytes... parts) {
        int total = 0;
        for (Bytes part : parts) {
            total += part.data.length;
        }
        byte[] out = new byte[total];
        int offset = 0;
        for (Bytes part : parts) {
            System.arraycopy(part.data, 0, out, offset, part.data.length);
            offset += part.data.length;
        }
        return wrapOwned(out);
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public byte get(int index) {
        return data[index];
    }

    /** Returns a fresh copy of the contents. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Returns a read-only view of the contents. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Copies the contents into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** Writes the contents into {@code target} at its position. */
    public void writeTo(ByteBuffer target) {
        target.put(data);
    }

    /** Returns the bytes from {@code from} (inclusive) to {@code to} (exclusive). */
    public Bytes slice(int from, int to) {
        return copyOf(data, from, to - from);
    }

    public String toHex() {
        return HEX.formatHex(data);
    }

    /** Compares in time that depends only on the lengths, for values an attacker may probe. */
    public boolean constantTimeEquals(Bytes other) {
        return java.security.MessageDigest.isEqual(data, other.data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** Shows the length and at most the first 32 bytes in hex. Never use for secret data. */
    @Override
    public String toString() {
        if (data.length <= 32) {
            return "Bytes[" + data.length + "]" + toHex();
        }
        return "Bytes[" + data.length + "]" + HEX.formatHex(data, 0, 32) + "...";
    }
}
