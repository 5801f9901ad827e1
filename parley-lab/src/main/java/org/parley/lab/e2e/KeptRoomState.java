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
 * A copy of a member's encrypted-room state taken before it was kicked: the {@code state} file a
 * client keeps per room in its device directory (docs/E2EE.md 20.7: version 1, the verified log's
 * entries, then the stored room session), read back into the core's {@link RoomSession}. A kicked
 * member who kept this file keeps every sender key it ever had; what it cannot have is a key made
 * after it left.
 */
public final class KeptRoomState {
    private KeptRoomState() {
    }

    /** Copies the one room state file under {@code deviceBase} (a client's base directory). */
    public static byte[] copy(Path deviceBase) throws IOException {
        try (Stream<Path> files = Files.walk(deviceBase)) {
            List<Path> states = files.filter(f -> f.getFileName().toString().equals("state") && f.getParent() != null
                    && f.getParent().getParent() != null && f.getParent().getParent().getFileName().toString().equals("rooms"))
                    .toList();
            if (states.size() != 1) {
                throw new IOException("expected one room state under " + deviceBase + ", found " + states.size());
            }
            return Files.readAllBytes(states.getFirst());
        }
    }

    /** The room session stored in {@code file}, restored over its log; lengths checked before allocation. */
    public static RoomSession restore(byte[] file) throws IOException, RoomException {
        try {
            ByteBuffer in = ByteBuffer.wrap(file);
            if (in.get() != 1) {
                throw new IOException("unknown version of a room state file");
            }
            int count = in.getInt();
            if (count < 1 || count > VerifiedLog.MAX_ENTRIES) {
                throw new IOException("log entry count out of range: " + count);
            }
            List<Bytes> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = Short.toUnsignedInt(in.getShort());
                if (length < 1 || length > LogEntry.MAX_LENGTH || length > in.remaining()) {
                    throw new IOException("log entry length out of range: " + length);
                }
                byte[] entry = new byte[length];
                in.get(entry);
                entries.add(Bytes.wrapOwned(entry));
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
            try (SecretBytes session = SecretBytes.wrapOwned(stored)) {
                return RoomSessionCodec.decode(session, entries);
            }
        } catch (BufferUnderflowException e) {
            throw new IOException("the room state file is truncated", e);
        }
    }
}
