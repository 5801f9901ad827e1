package org.parley.protocol.channel;

import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.RecordException;

/**
 * Joins the fragments of one application message, refusing to grow past the configured maximum
 * before copying a fragment in.
 *
 * <p>A message that fits one record (nearly all of them) is passed through without a copy, and the
 * buffer of a fragmented message is wiped and dropped once the message is whole, so an idle
 * connection holds no buffer sized by an earlier message.
 */
final class MessageAssembler {
    private static final byte[] EMPTY = new byte[0];
    private final int maxMessageSize;
    private byte[] buffer = EMPTY;
    private int size;
    /**
     * An {@code application_continued} record came last: a message is in progress even when every
     * fragment so far was empty ({@code size == 0}).
     */
    private boolean inProgress;

    MessageAssembler(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    void append(Bytes fragment) throws RecordException {
        checkRoomFor(fragment);
        if (size + fragment.length() > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + fragment.length(), Math.min(maxMessageSize, buffer.length * 2)));
        }
        fragment.copyTo(buffer, size);
        size += fragment.length();
        inProgress = true;
    }

    /** Appends the last fragment and returns the whole message; the assembler is empty afterwards. */
    Bytes finish(Bytes lastFragment) throws RecordException {
        if (size == 0) {
            checkRoomFor(lastFragment);
            inProgress = false;
            return lastFragment;
        }
        append(lastFragment);
        Bytes message = Bytes.copyOf(buffer, 0, size);
        Arrays.fill(buffer, 0, size, (byte) 0);
        size = 0;
        buffer = EMPTY;
        inProgress = false;
        return message;
    }

    /**
     * Checks a message that fits one record, read where it lies instead of through {@link #finish}
     * (the assembler being empty): the same size check as {@code finish}'s.
     */
    void checkWhole(int length) throws RecordException {
        if (length > maxMessageSize) {
            throw new RecordException(Alert.RECORD_OVERFLOW, "message exceeds " + maxMessageSize + " bytes");
        }
    }

    /** The capacity of the join buffer (zero between messages); for tests. */
    int bufferCapacity() {
        return buffer.length;
    }

    /**
     * Whether no message is in progress: false from an {@code application_continued} record, even an
     * empty one, until the {@code application_final} record that completes its message.
     */
    boolean isEmpty() {
        return !inProgress;
    }

    private void checkRoomFor(Bytes fragment) throws RecordException {
        if ((long) size + fragment.length() > maxMessageSize) {
            throw new RecordException(Alert.RECORD_OVERFLOW, "message exceeds " + maxMessageSize + " bytes");
        }
    }
}
