package org.parley.protocol.channel;

import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.RecordException;

/**
 * Joins the fragments of one application message, refusing to grow past the configured maximum
 * before copying a fragment in.
 */
final class MessageAssembler {
    private final int maxMessageSize;
    private byte[] buffer = new byte[0];
    private int size;

    MessageAssembler(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    void append(Bytes fragment) throws RecordException {
        if ((long) size + fragment.length() > maxMessageSize) {
            throw new RecordException(Alert.RECORD_OVERFLOW, "message exceeds " + maxMessageSize + " bytes");
        }
        if (size + fragment.length() > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + fragment.length(), Math.min(maxMessageSize, buffer.length * 2)));
        }
        fragment.copyTo(buffer, size);
        size += fragment.length();
    }

    /** The whole message; the assembler is empty afterwards. */
    Bytes finish() {
        Bytes message = Bytes.copyOf(buffer, 0, size);
        Arrays.fill(buffer, 0, size, (byte) 0);
        size = 0;
        if (buffer.length > 64 * 1024) {
            buffer = new byte[0];
        }
        return message;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
