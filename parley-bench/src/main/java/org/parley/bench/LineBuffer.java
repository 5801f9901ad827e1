package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts lines (ending in LF or CRLF) out of a connection's byte stream with one bulk copy per read
 * into an array the connection reuses, instead of a buffer slice, a pipeline hop and a {@code byte[]}
 * copy per line: the IRC receivers' cost per delivery is the load generator's limit against ngIRCd.
 * Lines are handed over in place (array, start, end without the line ending) and are valid only
 * during the call. A line longer than the maximum, ended or not, is a {@link TooLongFrameException}.
 */
final class LineBuffer {
    /** Receives each complete line; must not keep the array. */
    interface Lines {
        void line(byte[] bytes, int start, int end);
    }

    private static final int INITIAL = 512;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private final int maxLine;
    private byte[] bytes = new byte[INITIAL];
    /** The bytes of an unfinished line (no LF among them) at the start of {@link #bytes}. */
    private int pending;

    LineBuffer(int maxLine) {
        this.maxLine = maxLine;
    }

    /** Reads all of {@code chunk} (the caller still owns and releases it) and hands {@code lines} every line it completes. */
    void append(ByteBuf chunk, Lines lines) {
        int count = chunk.readableBytes();
        if (pending + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(pending + count, bytes.length * 2));
        }
        chunk.readBytes(bytes, pending, count);
        int limit = pending + count;
        int start = 0;
        for (int i = indexOfLf(bytes, pending, limit); i >= 0; i = indexOfLf(bytes, i + 1, limit)) {
            int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
            if (end - start > maxLine) {
                throw tooLong(end - start);
            }
            lines.line(bytes, start, end);
            start = i + 1;
        }
        pending = limit - start;
        if (pending > maxLine) {
            throw tooLong(pending);
        }
        System.arraycopy(bytes, start, bytes, 0, pending);
    }

    /**
     * The first LF in {@code bytes[from, to)}, or -1: eight bytes a step (a byte-at-a-time loop was
     * most of this class's cost), the bytes equal to LF found as the zero bytes of {@code word ^ LFs}.
     * The lowest flagged byte is always a true zero (a borrow only flags bytes above one).
     */
    static int indexOfLf(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(bytes, i) ^ LFS;
            long zeros = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private TooLongFrameException tooLong(int length) {
        return new TooLongFrameException("line of " + length + " bytes or more, at most " + maxLine);
    }
}
