package org.parley.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of public (non-secret) bytes: encoded keys, signatures, wire fields.
 *
 * <p>Records in Parley never hold a bare {@code byte[]}; they hold this type, so that equality,
 * hashing and printing behave like values and nobody can mutate a field after validation.
 * Printing shows only the length ({@link #toString()}).
 * Secret material uses {@link SecretBytes} instead.
 *
 * <p>A value is a range of an array that nobody modifies after the value is made. Most values own
 * their whole array; {@link #view} and {@link #wrapOwned(byte[], int, int)} make values that share
 * one (the record layer hands out a record's messages this way, without a copy each). Sharing is
 * safe because no value ever writes to its array; a view keeps the whole array reachable for as
 * long as it lives, so a value kept for long should be made with {@link #slice}, which copies.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;
    private final int offset;
    private final int length;

    private Bytes(byte[] data) {
        this(data, 0, data.length);
    }

    private Bytes(byte[] data, int offset, int length) {
        this.data = data;
        this.offset = offset;
        this.length = length;
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

    /**
     * Takes ownership of {@code length} bytes of {@code data} from {@code offset} without copying,
     * under the same promise as {@link #wrapOwned(byte[])}: nobody modifies the array afterwards.
     * Several values may own disjoint or overlapping ranges of one array.
     */
    public static Bytes wrapOwned(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        return length == 0 ? EMPTY : new Bytes(data, offset, length);
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
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (Bytes part : parts) {
            System.arraycopy(part.data, part.offset, out, at, part.length);
            at += part.length;
        }
        return wrapOwned(out);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public byte get(int index) {
        java.util.Objects.checkIndex(index, length);
        return data[offset + index];
    }

    /** Returns a fresh copy of the contents. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    /** Returns a read-only view of the contents, from position 0 to its limit. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data, offset, length).slice().asReadOnlyBuffer();
    }

    /** Copies the contents into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(data, this.offset, target, offset, length);
    }

    /** Writes the contents into {@code target} at its position. */
    public void writeTo(ByteBuffer target) {
        target.put(data, offset, length);
    }

    /** Returns a copy of the bytes from {@code from} (inclusive) to {@code to} (exclusive). */
    public Bytes slice(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, length);
        return copyOf(data, offset + from, to - from);
    }

    /**
     * Returns the bytes from {@code from} (inclusive) to {@code to} (exclusive) without copying: the
     * result shares this value's array (see the class comment on how long it keeps it).
     */
    public Bytes view(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, length);
        return to == from ? EMPTY : new Bytes(data, offset + from, to - from);
    }

    public String toHex() {
        return HEX.formatHex(data, offset, offset + length);
    }

    /** Compares in time that depends only on the lengths, for values an attacker may probe. */
    public boolean constantTimeEquals(Bytes other) {
        return java.security.MessageDigest.isEqual(whole(), other.whole());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other
                && Arrays.equals(data, offset, offset + length, other.data, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        // The same value as Arrays.hashCode of the contents, wherever they sit in the array.
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + data[i];
        }
        return hash;
    }

    /**
     * Shows the length only, never the contents: this type also carries message bodies, frame
     * payloads and password proofs, and every record holding one prints it through this method, so
     * a record that reaches a log must not carry its contents along. Text meant for people or files
     * uses {@link #toHex()} explicitly.
     */
    @Override
    public String toString() {
        return "Bytes[" + length + "]";
    }

    /** The contents as an array of their own length: the array itself when this value owns all of it. */
    private byte[] whole() {
        return offset == 0 && length == data.length ? data : toByteArray();
    }
}
