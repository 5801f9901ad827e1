package org.parley.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.parley.crypto.Bytes;

/**
 * Builds one message as big-endian fields. Length prefixes are checked against their field
 * width: writing an over-long vector is a programming error and throws
 * {@link IllegalArgumentException}, never a silently truncated prefix.
 */
public final class WireWriter {
    private byte[] buffer;
    private int size;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    public WireWriter u8(int value) {
        checkRange(value, 0xff, "u8");
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u16(int value) {
        checkRange(value, 0xffff, "u16");
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u24(int value) {
        checkRange(value, 0xffffff, "u24");
        ensure(3);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u32(long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public WireWriter u64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public WireWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    /** Writes the bytes with no length prefix. */
    public WireWriter fixed(Bytes value) {
        ensure(value.length());
        value.copyTo(buffer, size);
        size += value.length();
        return this;
    }

    public WireWriter vector8(Bytes value) {
        return u8(checkedLength(value.length(), 0xff)).fixed(value);
    }

    public WireWriter vector16(Bytes value) {
        return u16(checkedLength(value.length(), 0xffff)).fixed(value);
    }

    public WireWriter vector24(Bytes value) {
        return u24(checkedLength(value.length(), 0xffffff)).fixed(value);
    }

    public WireWriter utf8Vector8(String value) {
        return vector8(Bytes.wrapOwned(value.getBytes(StandardCharsets.UTF_8)));
    }

    public WireWriter utf8Vector16(String value) {
        return vector16(Bytes.wrapOwned(value.getBytes(StandardCharsets.UTF_8)));
    }

    public int size() {
        return size;
    }

    /** The message written so far. */
    public Bytes toBytes() {
        return Bytes.copyOf(buffer, 0, size);
    }

    private static int checkedLength(int length, int max) {
        if (length > max) {
            throw new IllegalArgumentException("vector of " + length + " bytes exceeds its prefix maximum " + max);
        }
        return length;
    }

    private static void checkRange(int value, int max, String type) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(type + " out of range: " + value);
        }
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
