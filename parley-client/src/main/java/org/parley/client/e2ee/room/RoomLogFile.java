package org.parley.client.e2ee.room;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.VerifiedLog;

/**
 * The form of {@code rooms/<room>/log} (docs/E2EE.md 20.7): {@code u8 version (1)}, then each
 * entry of the room's verified membership log as {@code u16 length} (1..{@link LogEntry#MAX_LENGTH})
 * and its bytes, in log order, at most {@link VerifiedLog#MAX_ENTRIES}. Entries are only ever
 * appended, so a message, which changes the room's session but not its log, writes none of them.
 * The room's state counts the entries it goes with; whatever follows them (a record cut short by
 * a crash during an append, or entries appended just before a crash, before the state counting
 * them was written) is not read, and the next append writes over it. Pure: reads from and writes
 * to byte streams.
 */
final class RoomLogFile {
    static final int VERSION = 1;
    static final int HEADER_BYTES = 1;

    private RoomLogFile() {
    }

    /** The entries read, and where the last of them ends in the file: where the next append goes. */
    record Read(List<Bytes> entries, long end) {
    }

    /**
     * Reads the first {@code count} entries (what the room's state counts; whatever follows them,
     * a record cut short by a crash or appended just before one, is not read). Fails on another
     * version, a length out of range, or a file that ends before {@code count} entries.
     */
    static Read read(InputStream in, int count) throws IOException {
        if (count < 0 || count > VerifiedLog.MAX_ENTRIES) {
            throw new IOException("a room state counting " + count + " log entries, not 0.." + VerifiedLog.MAX_ENTRIES);
        }
        int version = in.read();
        if (version != VERSION) {
            throw new IOException(version < 0 ? "an empty room log file" : "unknown version " + version + " of a room log file");
        }
        List<Bytes> entries = new ArrayList<>(count);
        long end = HEADER_BYTES;
        while (entries.size() < count) {
            byte[] prefix = in.readNBytes(2);
            int length = prefix.length < 2 ? -1 : ((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff);
            if (length < 1 || length > LogEntry.MAX_LENGTH) {
                throw new IOException("room log entry " + entries.size() + (length < 0 ? " is missing" : " of " + length
                        + " bytes, not 1.." + LogEntry.MAX_LENGTH));
            }
            byte[] entry = in.readNBytes(length);
            if (entry.length < length) {
                throw new IOException("room log entry " + entries.size() + " is cut short");
            }
            entries.add(Bytes.wrapOwned(entry));
            end += 2 + length;
        }
        return new Read(entries, end);
    }

    /** A whole file of {@code entries}, header included. */
    static byte[] file(List<Bytes> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(VERSION);
        write(bytes, entries);
        return bytes.toByteArray();
    }

    /** The records of {@code entries}, to append after the ones already written. */
    static byte[] records(List<Bytes> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, entries);
        return bytes.toByteArray();
    }

    private static void write(ByteArrayOutputStream bytes, List<Bytes> entries) {
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Bytes entry : entries) {
                out.writeShort(entry.length());
                out.write(entry.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }
}
