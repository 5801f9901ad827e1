package org.parley.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;

/**
 * Reads big-endian fields from one message, checking every length against both the bytes present
 * and a caller-given maximum before allocating.
 *
 * <p>A reader covers exactly one message: {@link #expectEnd()} rejects trailing bytes, so every
 * message has one encoding.
 */
public final class WireReader {
    private final byte[] data;
    private final int end;
    private int position;

    private WireReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    /** Reads from a copy of {@code message}. */
    public static WireReader of(Bytes message) {
        byte[] copy = message.toByteArray();
        return new WireReader(copy, 0, copy.length);
    }

    /** Reads from {@code data} without copying; the caller must not modify it while reading. */
    public static WireReader over(byte[] data, int offset, int length) {
        return new WireReader(data, offset, length);
    }

    public int remaining() {
        return end - position;
    }

    public int u8() throws WireFormatException {
        need(1, "u8");
        return data[position++] & 0xff;
    }

    public int u16() throws WireFormatException {
        need(2, "u16");
        int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return value;
    }

    public int u24() throws WireFormatException {
        need(3, "u24");
        int value = ((data[position] & 0xff) << 16) | ((data[position + 1] & 0xff) << 8) | (data[position + 2] & 0xff);
        position += 3;
        return value;
    }

    public long u32() throws WireFormatException {
        need(4, "u32");
        long value = ((long) (data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return value;
    }

    public long u64() throws WireFormatException {
        long high = u32();
        long low = u32();
        return (high << 32) | low;
    }

    /** Reads exactly {@code length} bytes. */
    public Bytes fixed(int length, String field) throws WireFormatException {
        need(length, field);
        Bytes value = Bytes.copyOf(data, position, length);
        position += length;
        return value;
    }

    /** Reads a vector with a one-byte length prefix, at most {@code max} bytes. */
    public Bytes vector8(String field, int min, int max) throws WireFormatException {
        return vectorBody(u8(), field, min, max);
    }

    /** Reads a vector with a two-byte length prefix, at most {@code max} bytes. */
    public Bytes vector16(String field, int min, int max) throws WireFormatException {
        return vectorBody(u16(), field, min, max);
    }

    /** Reads a vector with a three-byte length prefix, at most {@code max} bytes. */
    public Bytes vector24(String field, int min, int max) throws WireFormatException {
        return vectorBody(u24(), field, min, max);
    }

    /** Reads a strictly valid UTF-8 string with a one-byte length prefix. */
    public String utf8Vector8(String field, int min, int max) throws WireFormatException {
        return utf8Body(u8(), field, min, max);
    }

    /** Reads a strictly valid UTF-8 string with a two-byte length prefix. */
    public String utf8Vector16(String field, int min, int max) throws WireFormatException {
        return utf8Body(u16(), field, min, max);
    }

    /** Opens a sub-reader over a vector with a two-byte prefix (for lists of structures). */
    public WireReader subReader16(String field, int min, int max) throws WireFormatException {
        int length = u16();
        checkLength(length, field, min, max);
        WireReader sub = new WireReader(data, position, length);
        position += length;
        return sub;
    }

    /** Reads a boolean encoded as 0 or 1; any other value is malformed. */
    public boolean bool(String field) throws WireFormatException {
        int value = u8();
        if (value > 1) {
            throw new WireFormatException(field + " is not a boolean: " + value);
        }
        return value == 1;
    }

    /** Fails unless every byte was consumed. */
    public void expectEnd() throws WireFormatException {
        if (position != end) {
            throw new WireFormatException((end - position) + " trailing bytes");
        }
    }

    private Bytes vectorBody(int length, String field, int min, int max) throws WireFormatException {
        checkLength(length, field, min, max);
        return fixed(length, field);
    }

    private void checkLength(int length, String field, int min, int max) throws WireFormatException {
        if (length > max) {
            throw WireFormatException.tooLong(field, length, max);
        }
        if (length < min) {
            throw new WireFormatException(field + " length " + length + " below minimum " + min);
        }
        need(length, field);
    }

    private void need(int count, String field) throws WireFormatException {
        if (count < 0 || end - position < count) {
            throw new WireFormatException("truncated " + field + ": need " + count + ", have " + (end - position));
        }
    }

    /**
     * Decodes the string in place: no copy of its bytes first, and a buffer with an accessible
     * array, which the JDK's decoder reads in its array loop instead of byte by byte (JFR on
     * {@code ReceiverCostMain}: {@code HeapByteBuffer.get()} under the decoder was a sixth of the
     * full chat decoder's samples). The decoder only reads {@code data}.
     */
    private String utf8Body(int length, String field, int min, int max) throws WireFormatException {
        checkLength(length, field, min, max);
        String value = decodeUtf8(ByteBuffer.wrap(data, position, length), field);
        position += length;
        return value;
    }

    private static String decodeUtf8(ByteBuffer value, String field) throws WireFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(value)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(field + " is not valid UTF-8");
        }
    }
}
