package org.parley.protocol.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.alert.WireFormatException;

/**
 * The content of an {@link InnerType#APPLICATION_BATCH} record: one or more complete application
 * messages, each behind its 16-bit length, filling the content exactly (docs/PROTOCOL.md,
 * Section 10.5.1).
 *
 * <pre>
 *   struct { u16 length; opaque message[length]; } BatchEntry;
 *   content = BatchEntry || BatchEntry || ...      // at least one entry, |content| &lt;= 16,384
 * </pre>
 *
 * <p><b>Security.</b> {@link #split} walks the whole content and checks every entry (its length
 * against the bytes left and against the receiver's maximum message size) before it allocates
 * anything, so a malformed batch costs no allocation and delivers no message. The messages it
 * returns are views into the content's array, not copies: {@link RecordReader} never reuses that
 * array, so they stay valid as long as they are held.
 */
public final class BatchRecords {
    /** Bytes of the length prefix of each entry. */
    public static final int ENTRY_OVERHEAD = 2;
    /** Largest message that fits a batch entry: a larger one is sent alone, fragmented as before. */
    public static final int MAX_ENTRY = RecordLimits.MAX_RECORD_CONTENT - ENTRY_OVERHEAD;
    /** Most entries one batch record can hold (all of them empty). */
    public static final int MAX_ENTRIES = RecordLimits.MAX_RECORD_CONTENT / ENTRY_OVERHEAD;

    private BatchRecords() {
    }

    /**
     * The end (exclusive) of the run of messages starting at {@code from} that one batch record
     * carries: consecutive messages of at most {@link #MAX_ENTRY} bytes whose entries fit one
     * record's content. {@code from + 1} when even the second does not fit, or the first is larger
     * than {@link #MAX_ENTRY}.
     */
    public static int runEnd(List<Bytes> messages, int from) {
        int content = 0;
        int end = from;
        while (end < messages.size()) {
            int length = messages.get(end).length();
            if (length > MAX_ENTRY || content + ENTRY_OVERHEAD + length > RecordLimits.MAX_RECORD_CONTENT) {
                break;
            }
            content += ENTRY_OVERHEAD + length;
            end++;
        }
        return Math.max(end, from + 1);
    }

    /** Content bytes of a batch of {@code messages[from, to)}. */
    public static int contentLength(List<Bytes> messages, int from, int to) {
        int content = 0;
        for (int i = from; i < to; i++) {
            content += ENTRY_OVERHEAD + messages.get(i).length();
        }
        return content;
    }

    /** Writes the entries of {@code messages[from, to)} at the position of {@code out}. */
    static void write(List<Bytes> messages, int from, int to, ByteBuffer out) {
        for (int i = from; i < to; i++) {
            Bytes message = messages.get(i);
            out.putShort((short) message.length());
            message.writeTo(out);
        }
    }

    /**
     * The messages of a batch record's content, in order, as {@linkplain Bytes#view views} into it.
     *
     * @throws WireFormatException ({@code decode_error}) if the content is empty or an entry runs past it
     * @throws RecordException ({@code record_overflow}) if an entry is larger than {@code maxMessageSize}
     */
    public static List<Bytes> split(Bytes content, int maxMessageSize) throws WireFormatException, RecordException {
        if (content.isEmpty()) {
            throw new WireFormatException("empty batch record");
        }
        int entries = 0;
        int at = 0;
        while (at < content.length()) {
            if (content.length() - at < ENTRY_OVERHEAD) {
                throw new WireFormatException("batch entry length runs past the record");
            }
            int length = lengthAt(content, at);
            at += ENTRY_OVERHEAD;
            // In the order of PROTOCOL.md 10.5.1: an entry that runs past the record is a decode
            // error even when it would also be too large.
            if (length > content.length() - at) {
                throw new WireFormatException("batch entry runs past the record");
            }
            if (length > maxMessageSize) {
                throw new RecordException(Alert.RECORD_OVERFLOW, "batch entry exceeds " + maxMessageSize + " bytes");
            }
            at += length;
            entries++;
        }
        List<Bytes> messages = new ArrayList<>(entries);
        at = 0;
        while (at < content.length()) {
            int length = lengthAt(content, at);
            at += ENTRY_OVERHEAD;
            messages.add(content.view(at, at + length));
            at += length;
        }
        return messages;
    }

    /** Receives the messages of a batch record read where they lie ({@link #forEach}). */
    @FunctionalInterface
    public interface EntryHandler {
        /** One message: {@code array[offset, offset + length)}, valid during the call only. */
        void message(byte[] array, int offset, int length) throws ParleyException;
    }

    /**
     * Hands the messages of the batch record content {@code array[offset, offset + length)} to
     * {@code handler}, in order, as ranges of {@code array} (no copy, no allocation): what
     * {@link #split} returns as views, with the same checks in the same order, every entry checked
     * before the first is handed on, so a malformed batch delivers no message.
     *
     * @throws WireFormatException ({@code decode_error}) if the content is empty or an entry runs past it
     * @throws RecordException ({@code record_overflow}) if an entry is larger than {@code maxMessageSize}
     * @throws ParleyException whatever {@code handler} throws
     */
    public static void forEach(byte[] array, int offset, int length, int maxMessageSize, EntryHandler handler)
            throws ParleyException {
        if (length == 0) {
            throw new WireFormatException("empty batch record");
        }
        int end = offset + length;
        int at = offset;
        while (at < end) {
            if (end - at < ENTRY_OVERHEAD) {
                throw new WireFormatException("batch entry length runs past the record");
            }
            int entry = lengthAt(array, at);
            at += ENTRY_OVERHEAD;
            if (entry > end - at) {
                throw new WireFormatException("batch entry runs past the record");
            }
            if (entry > maxMessageSize) {
                throw new RecordException(Alert.RECORD_OVERFLOW, "batch entry exceeds " + maxMessageSize + " bytes");
            }
            at += entry;
        }
        at = offset;
        while (at < end) {
            int entry = lengthAt(array, at);
            at += ENTRY_OVERHEAD;
            handler.message(array, at, entry);
            at += entry;
        }
    }

    private static int lengthAt(byte[] array, int at) {
        return (array[at] & 0xff) << 8 | array[at + 1] & 0xff;
    }

    private static int lengthAt(Bytes content, int at) {
        return (content.get(at) & 0xff) << 8 | content.get(at + 1) & 0xff;
    }
}
