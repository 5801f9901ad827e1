package org.parley.client.e2ee.room;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.client.e2ee.FileNames;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.VerifiedLog;

/**
 * The encrypted rooms on disk, inside the device directory (docs/E2EE.md §20.7):
 * {@code rooms/index} (one line per room: hex of its UTF-8 name), and per room
 * {@code rooms/<room>/state} (the verified log entries and the stored room session, replaced
 * atomically together so they always match), {@code rooms/<room>/pending} (envelopes waiting for
 * their sender's chain, at most {@value #MAX_PENDING}) and {@code rooms/<room>/history} (decrypted
 * messages, appended and fsynced). Owner-only, like the rest of the directory.
 */
final class RoomStore {
    /** Envelopes kept per room while their sender's distribution has not arrived; the oldest go first. */
    static final int MAX_PENDING = 200;
    private static final int STATE_VERSION = 1;

    private final DeviceDirectory directory;

    RoomStore(DeviceDirectory directory) {
        this.directory = directory;
    }

    /** What {@code state} holds: the verified log's entries and, while this device is a member, its session. */
    record Stored(List<Bytes> entries, Optional<SecretBytes> session) {
    }

    /** An envelope kept until its sender's chain arrives. */
    record Pending(long serverId, String from, Bytes envelope) {
    }

    Set<String> rooms() throws IOException {
        Set<String> rooms = new LinkedHashSet<>();
        for (String line : directory.lines("rooms/index")) {
            try {
                rooms.add(new String(HexFormat.of().parseHex(line.strip()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A torn line (crash while writing the index) names no room.
            }
        }
        return rooms;
    }

    void addRoom(String room) throws IOException {
        Set<String> rooms = rooms();
        if (rooms.add(room)) {
            StringBuilder out = new StringBuilder();
            for (String name : rooms) {
                out.append(HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8))).append('\n');
            }
            directory.write("rooms/index", out.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    Optional<Stored> load(String room) throws IOException {
        Optional<byte[]> content = directory.read(file(room, "state"));
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(content.get());
            if (in.get() != STATE_VERSION) {
                throw new IOException("unknown version of " + file(room, "state"));
            }
            int count = in.getInt();
            if (count < 1 || count > VerifiedLog.MAX_ENTRIES) {
                throw new IOException("log entry count out of range in " + file(room, "state"));
            }
            List<Bytes> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = Short.toUnsignedInt(in.getShort());
                if (length < 1 || length > LogEntry.MAX_LENGTH) {
                    throw new IOException("log entry length out of range in " + file(room, "state"));
                }
                byte[] entry = new byte[length];
                in.get(entry);
                entries.add(Bytes.wrapOwned(entry));
            }
            Optional<SecretBytes> session = Optional.empty();
            if (in.get() == 1) {
                int length = in.getInt();
                if (length < 1 || length > in.remaining()) {
                    throw new IOException("stored session length out of range in " + file(room, "state"));
                }
                byte[] stored = new byte[length];
                in.get(stored);
                session = Optional.of(SecretBytes.wrapOwned(stored));
            }
            if (in.hasRemaining()) {
                throw new IOException("trailing bytes in " + file(room, "state"));
            }
            return Optional.of(new Stored(entries, session));
        } catch (BufferUnderflowException e) {
            throw new IOException(file(room, "state") + " is truncated", e);
        }
    }

    /** Replaces the room's log and session together, atomically and durably. */
    void save(String room, List<Bytes> entries, Optional<SecretBytes> session) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(STATE_VERSION);
            out.writeInt(entries.size());
            for (Bytes entry : entries) {
                out.writeShort(entry.length());
                out.write(entry.toByteArray());
            }
            out.writeByte(session.isPresent() ? 1 : 0);
            if (session.isPresent()) {
                byte[] stored = session.get().revealCopy();
                out.writeInt(stored.length);
                out.write(stored);
                java.util.Arrays.fill(stored, (byte) 0);
            }
        }
        byte[] content = bytes.toByteArray();
        try {
            directory.write(file(room, "state"), content);
        } finally {
            java.util.Arrays.fill(content, (byte) 0);
        }
    }

    List<Pending> pending(String room) throws IOException {
        List<Pending> out = new ArrayList<>();
        for (String line : directory.lines(file(room, "pending"))) {
            String[] parts = line.split("\t", -1);
            if (parts.length != 3) {
                continue;
            }
            try {
                out.add(new Pending(Long.parseLong(parts[0]),
                        new String(HexFormat.of().parseHex(parts[1]), StandardCharsets.UTF_8),
                        Bytes.wrapOwned(java.util.Base64.getDecoder().decode(parts[2]))));
            } catch (IllegalArgumentException e) {
                // An unreadable line is skipped; it holds only a ciphertext.
            }
        }
        return out;
    }

    /** Replaces the waiting envelopes, keeping the newest {@value #MAX_PENDING}. */
    void savePending(String room, List<Pending> pending) throws IOException {
        List<Pending> kept = pending.size() > MAX_PENDING ? pending.subList(pending.size() - MAX_PENDING, pending.size()) : pending;
        StringBuilder out = new StringBuilder();
        for (Pending p : kept) {
            out.append(p.serverId()).append('\t')
                    .append(HexFormat.of().formatHex(p.from().getBytes(StandardCharsets.UTF_8))).append('\t')
                    .append(java.util.Base64.getEncoder().encodeToString(p.envelope().toByteArray())).append('\n');
        }
        directory.write(file(room, "pending"), out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    List<E2eRoomMessage> history(String room) throws IOException {
        List<E2eRoomMessage> messages = new ArrayList<>();
        directory.forEachAppendedLine(file(room, "history"), line -> RoomHistoryLine.parse(room, line).ifPresent(messages::add));
        return messages;
    }

    void append(E2eRoomMessage message) throws IOException {
        directory.appendLine(file(message.room(), "history"), RoomHistoryLine.format(message));
    }

    private static String file(String room, String name) {
        return "rooms/" + FileNames.safe(room) + "/" + name;
    }
}
