package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import java.util.Arrays;

/**
 * Reads a Redis connection's RESP2 byte stream with one bulk copy per read into an array the
 * connection reuses, and recognises pub/sub {@code message} pushes where they lie: a subscriber's
 * cost per delivery is the load generator's limit against Redis, and {@link RespDecoder} spends a
 * {@code String} per line and a value tree with three arrays per push.
 *
 * <p>A push in its canonical form, {@code *3 CRLF $7 CRLF message CRLF $n CRLF channel CRLF $m CRLF
 * body CRLF} (lengths as plain decimal digits), has its body handed over in place (array, offset,
 * length: valid only during the call). Every other value, and anything that departs from that form
 * in any byte, is decoded by {@link RespDecoder#decodeOne}, with all its bounds and typed errors: a
 * malformed or oversized push is refused there exactly as before. A value still unfinished after
 * {@value #MAX_PENDING} bytes is a {@link TooLongFrameException} (a push is at most two bulk strings
 * of {@link RespDecoder#MAX_BULK} bytes and its framing).
 */
final class RespReader {
    /** Receives each value the stream completes, in order. */
    interface Values {
        /** A pub/sub message push's body, in place; must not keep the array. */
        void message(byte[] bytes, int offset, int length);

        /** Any other value. */
        void value(RespValue value);
    }

    static final int MAX_PENDING = 4 * RespDecoder.MAX_BULK;
    private static final int INITIAL = 512;
    /** Digits a length may have on the fast path (leading zeros included); longer goes to the decoder. */
    private static final int MAX_DIGITS = 10;
    private static final int INCOMPLETE = -1;
    private static final int OTHER = -2;
    /** A message push up to its channel's length: {@code *3\r\n$7\r\nmessage\r\n$}. */
    private static final byte[] MESSAGE = "*3\r\n$7\r\nmessage\r\n$".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] bytes = new byte[INITIAL];
    /** The bytes of an unfinished value at the start of {@link #bytes}. */
    private int pending;
    /** Where {@link #message} reads next. */
    private int cursor;

    /** Reads all of {@code chunk} (the caller still owns and releases it) and hands {@code values} every value it completes. */
    void append(ByteBuf chunk, Values values) {
        int count = chunk.readableBytes();
        if (pending + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(pending + count, bytes.length * 2));
        }
        chunk.readBytes(bytes, pending, count);
        int limit = pending + count;
        int start = 0;
        while (start < limit) {
            int end = message(start, limit, values);
            if (end == OTHER) {
                end = other(start, limit, values);
            }
            if (end == INCOMPLETE) {
                break;
            }
            start = end;
        }
        pending = limit - start;
        if (pending > MAX_PENDING) {
            throw new TooLongFrameException("RESP value unfinished after " + pending + " bytes, at most " + MAX_PENDING);
        }
        System.arraycopy(bytes, start, bytes, 0, pending);
    }

    /**
     * A canonical message push at {@code start}: handed over, and where the next value starts;
     * {@link #INCOMPLETE} while the bytes so far are the start of one; {@link #OTHER} otherwise.
     */
    private int message(int start, int limit, Values values) {
        int available = Math.min(MESSAGE.length, limit - start);
        if (!Arrays.equals(bytes, start, start + available, MESSAGE, 0, available)) {
            return OTHER;
        }
        if (available < MESSAGE.length) {
            return INCOMPLETE;
        }
        cursor = start + MESSAGE.length;
        int channel = length(limit);
        if (channel < 0) {
            return channel;
        }
        int body = bulkEnd(channel, limit);
        if (body < 0) {
            return body;
        }
        if (body == limit) {
            return INCOMPLETE;
        }
        if (bytes[body] != '$') {
            return OTHER;
        }
        cursor = body + 1;
        int length = length(limit);
        if (length < 0) {
            return length;
        }
        int offset = cursor;
        int end = bulkEnd(length, limit);
        if (end < 0) {
            return end;
        }
        values.message(bytes, offset, length);
        return end;
    }

    /**
     * Decimal digits then CRLF at {@link #cursor}: their value, the cursor moved past the CRLF;
     * {@link #OTHER} for anything else, a value above {@link RespDecoder#MAX_BULK} or more than
     * {@value #MAX_DIGITS} digits (the decoder refuses those).
     */
    private int length(int limit) {
        int value = 0;
        int i = cursor;
        for (; i < limit && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            value = value * 10 + (bytes[i] - '0');
            if (value > RespDecoder.MAX_BULK || i - cursor >= MAX_DIGITS) {
                return OTHER;
            }
        }
        if (i + 2 > limit) {
            return i == limit || bytes[i] == '\r' ? INCOMPLETE : OTHER;
        }
        if (i == cursor || bytes[i] != '\r' || bytes[i + 1] != '\n') {
            return OTHER;
        }
        cursor = i + 2;
        return value;
    }

    /**
     * Where the bytes after a bulk string of {@code length} at {@link #cursor} and its CRLF start;
     * {@link #INCOMPLETE} or {@link #OTHER}.
     */
    private int bulkEnd(int length, int limit) {
        int end = cursor + length;
        if (end + 2 > limit) {
            return INCOMPLETE;
        }
        if (bytes[end] != '\r' || bytes[end + 1] != '\n') {
            return OTHER;
        }
        return end + 2;
    }

    /** Any other value at {@code start}, decoded and handed over: where the next starts, or {@link #INCOMPLETE}. */
    private int other(int start, int limit, Values values) {
        ByteBuf view = Unpooled.wrappedBuffer(bytes, start, limit - start);
        RespValue value = RespDecoder.decodeOne(view);
        if (value == null) {
            return INCOMPLETE;
        }
        values.value(value);
        return start + view.readerIndex();
    }
}
