package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.Role;

/**
 * {@link RoomLogStore} on the SQLite schema (version 4, {@link SchemaRoomLogs}). The primary key
 * {@code (room, seq)} makes a second entry at one position a {@link StoreException.Conflict}, so
 * two appends racing for one seq can never both be stored.
 */
final class SqlRoomLogs implements RoomLogStore {
    private final SqliteDatabase database;

    SqlRoomLogs(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void createRoom(RoomRecord room, Bytes genesis) throws StoreException {
        database.write("create an encrypted room", connection -> {
            String key = SqlNameKeys.requireFree(connection, SqlNameKeys.Table.ROOMS, room.canonicalName(), room.name(),
                    "create an encrypted room");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rooms (name, canonical, topic, "
                    + "visibility, owner, created_at, skeleton, encrypted) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
                insert.setString(1, room.name());
                insert.setString(2, room.canonicalName());
                insert.setString(3, room.topic());
                insert.setString(4, room.visibility().name());
                insert.setString(5, room.owner());
                insert.setLong(6, room.createdAtMillis());
                insert.setString(7, key);
                insert.executeUpdate();
            }
            apply(connection, room.canonicalName(), new RoomChange.PutMember(room.owner(), Role.OWNER));
            insertEntry(connection, room.canonicalName(), 0, genesis);
            return null;
        });
    }

    @Override
    public void append(String room, long seq, Bytes entry, List<RoomChange> changes) throws StoreException {
        database.write("append to a room log", connection -> {
            insertEntry(connection, room, seq, entry);
            for (RoomChange change : changes) {
                apply(connection, room, change);
            }
            return null;
        });
    }

    @Override
    public List<Bytes> entries(String room, long fromSeq, int max) throws StoreException {
        return database.read("read a room log", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT entry FROM room_log WHERE room = ? AND seq >= ? ORDER BY seq LIMIT ?")) {
                query.setString(1, room);
                query.setLong(2, fromSeq);
                query.setInt(3, max);
                try (ResultSet rows = query.executeQuery()) {
                    List<Bytes> entries = new ArrayList<>();
                    while (rows.next()) {
                        entries.add(Bytes.wrapOwned(rows.getBytes(1)));
                    }
                    return entries;
                }
            }
        });
    }

    @Override
    public Map<String, List<Bytes>> allLogs() throws StoreException {
        return database.read("load room logs", connection -> {
            Map<String, List<Bytes>> logs = new LinkedHashMap<>();
            try (PreparedStatement rooms = connection.prepareStatement(
                    "SELECT canonical FROM rooms WHERE encrypted = 1 ORDER BY canonical");
                 ResultSet rows = rooms.executeQuery()) {
                while (rows.next()) {
                    logs.put(rows.getString(1), new ArrayList<>());
                }
            }
            try (PreparedStatement entries = connection.prepareStatement(
                    "SELECT room, entry FROM room_log ORDER BY room, seq");
                 ResultSet rows = entries.executeQuery()) {
                while (rows.next()) {
                    List<Bytes> log = logs.get(rows.getString(1));
                    if (log != null) {
                        log.add(Bytes.wrapOwned(rows.getBytes(2)));
                    }
                }
            }
            return logs;
        });
    }

    private static void insertEntry(Connection connection, String room, long seq, Bytes entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO room_log (room, seq, entry) VALUES (?, ?, ?)")) {
            insert.setString(1, room);
            insert.setLong(2, seq);
            insert.setBytes(3, entry.toByteArray());
            insert.executeUpdate();
        }
    }

    private static void apply(Connection connection, String room, RoomChange change) throws SQLException {
        switch (change) {
            case RoomChange.PutMember c -> run(connection, "INSERT INTO members (room, user, role) VALUES (?, ?, ?) "
                    + "ON CONFLICT (room, user) DO UPDATE SET role = excluded.role", room, c.user(), c.role().name());
            case RoomChange.RemoveMember c -> run(connection, "DELETE FROM members WHERE room = ? AND user = ?",
                    room, c.user());
            case RoomChange.Invite c -> run(connection, "INSERT INTO room_invites (room, user, invited_by) VALUES (?, ?, ?) "
                    + "ON CONFLICT (room, user) DO UPDATE SET invited_by = excluded.invited_by", room, c.user(), c.by());
            case RoomChange.Uninvite c -> run(connection, "DELETE FROM room_invites WHERE room = ? AND user = ?",
                    room, c.user());
            case RoomChange.Ban c -> run(connection, "INSERT INTO bans (room, user, until, banned_by, reason) "
                    + "VALUES (?, ?, " + Long.MAX_VALUE + ", ?, '') ON CONFLICT (room, user) DO UPDATE SET "
                    + "until = excluded.until, banned_by = excluded.banned_by, reason = ''", room, c.user(), c.by());
            case RoomChange.SetOwner c -> run(connection, "UPDATE rooms SET owner = ? WHERE canonical = ?",
                    c.user(), room);
        }
    }

    private static void run(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
