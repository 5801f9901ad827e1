package org.parley.lab.e2e;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.RoomSession;
import org.parley.e2ee.group.RoomSessionCodec;
import org.parley.e2ee.group.VerifiedLog;

/**
 * A copy of a member's encrypted-room state taken before it was kicked: the {@code state} and
 * {@code log} files a client keeps per room in its device directory (docs/E2EE.md 20.7: the state
 * of version 2 counts the log entries it goes with and holds the stored room session; the log holds
 * the verified log's entries), read back into the core's {@link RoomSession}. A kicked member who
 * kept these files keeps every sender key it ever had; what it cannot have is a key made after it
 * left.
 */
public final class KeptRoomState {
    private KeptRoomState() {
    }

    /** The two files copied. */
    public record Copy(byte[] state, byte[] log) {
        /** Bytes copied in all. */
        public int length() {
            return state.length + log.length;
        }
    }

    /** Copies the one room's state and log files under {@code deviceBase} (a client's base directory). */
    public static Copy copy(Path deviceBase) throws IOException {
        try (Stream<Path> files = Files.walk(deviceBase)) {
            List<Path> states = files.filter(f -> f.getFileName().toString().equals("state") && f.getParent() != null
                    && f.getParent().getParent() != null && f.getParent().getParent().getFileName().toString().equals("rooms"))
                    .toList();
            if (states.size() != 1) {
                throw new IOException("expected one room state under " + deviceBase + ", found " + states.size());
            }
            Path state = states.getFirst();
            return new Copy(Files.readAllBytes(state), Files.readAllBytes(state.resolveSibling("log")));
        }
    }

    /** The room session stored in the copied state, restored over its log; lengths checked before allocation. */
    public static RoomSession restore(Copy copy) throws IOException, RoomException {
        try {
            ByteBuffer in = ByteBuffer.wrap(copy.state());
            if (in.get() != 2) {
                throw new IOException("unknown version of a room state file");
            }
            int count = in.getInt();
            if (count < 1 || count > VerifiedLog.MAX_ENTRIES) {
                throw new IOException("log entry count out of range: " + count);
            }
            if (in.get() != 1) {
                throw new IOException("the state holds no room session (the member had already left)");
            }
            int length = in.getInt();
            if (length < 1 || length > in.remaining()) {
                throw new IOException("stored session length out of range: " + length);
            }
            byte[] stored = new byte[length];
            in.get(stored);
            List<Bytes> entries = entries(ByteBuffer.wrap(copy.log()), count);
            try (SecretBytes session = SecretBytes.wrapOwned(stored)) {
                return RoomSessionCodec.decode(session, entries);
            }
        } catch (BufferUnderflowException e) {
            throw new IOException("the room state or log file is truncated", e);
        }
    }

    private static List<Bytes> entries(ByteBuffer log, int count) throws IOException {
        if (log.get() != 1) {
            throw new IOException("unknown version of a room log file");
        }
        List<Bytes> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = Short.toUnsignedInt(log.getShort());
            if (length < 1 || length > LogEntry.MAX_LENGTH || length > log.remaining()) {
                throw new IOException("log entry length out of range: " + length);
            }
            byte[] entry = new byte[length];
            log.get(entry);
            entries.add(Bytes.wrapOwned(entry));
        }
        return entries;
    }
}
