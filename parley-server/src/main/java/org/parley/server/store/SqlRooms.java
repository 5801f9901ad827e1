package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;

/**
 * {@link RoomStore} on the SQLite schema. Memberships, bans and room invitations reference their
 * room by foreign key, so they cannot name a room that does not exist.
 */
final class SqlRooms implements RoomStore {

    private static final String ROOM_COLUMNS = "name, canonical, topic, visibility, owner, created_at";

    private final SqliteDatabase database;

    SqlRooms(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void createRoom(RoomRecord room) throws StoreException {
        database.write("create a room", connection -> {
            String key = SqlNameKeys.requireFree(connection, SqlNameKeys.Table.ROOMS, room.canonicalName(), room.name(),
                    "create a room");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO rooms (" + ROOM_COLUMNS + ", skeleton) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, room.name());
                insert.setString(2, room.canonicalName());
                insert.setString(3, room.topic());
                insert.setString(4, room.visibility().name());
                insert.setString(5, room.owner());
                insert.setLong(6, room.createdAtMillis());
                insert.setString(7, key);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<RoomRecord> findRoom(String canonicalName) throws StoreException {
        return database.read("find a room", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ROOM_COLUMNS + " FROM rooms WHERE canonical = ?")) {
                query.setString(1, canonicalName);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(room(rows)) : Optional.<RoomRecord>empty();
                }
            }
        });
    }

    @Override
    public List<RoomRecord> listRooms() throws StoreException {
        return database.read("list rooms", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ROOM_COLUMNS + " FROM rooms ORDER BY canonical");
                 ResultSet rows = query.executeQuery()) {
                List<RoomRecord> rooms = new ArrayList<>();
                while (rows.next()) {
                    rooms.add(room(rows));
                }
                return rooms;
            }
        });
    }

    @Override
    public void setTopic(String room, String topic) throws StoreException {
        database.write("set a topic", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE rooms SET topic = ? WHERE canonical = ?")) {
                update.setString(1, topic);
                update.setString(2, room);
                if (update.executeUpdate() == 0) {
                    throw new StoreException("set a topic: no such room");
                }
                return null;
            }
        });
    }

    @Override
    public void putMember(String room, String user, Role role) throws StoreException {
        database.write("add a member", connection -> insertMember(connection, room, user, role));
    }

    /** Makes {@code user} a member of {@code room} with {@code role} (or sets its role), in the caller's transaction. */
    static int insertMember(Connection connection, String room, String user, Role role) throws SQLException {
        return update(connection.prepareStatement("INSERT INTO members (room, user, role) VALUES (?, ?, ?) "
                + "ON CONFLICT (room, user) DO UPDATE SET role = excluded.role"), room, user, role.name());
    }

    @Override
    public boolean removeMember(String room, String user) throws StoreException {
        return database.write("remove a member", connection -> update(connection.prepareStatement(
                "DELETE FROM members WHERE room = ? AND user = ?"), room, user) > 0);
    }

    @Override
    public Map<String, Role> members(String room) throws StoreException {
        return database.read("list members", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT user, role FROM members WHERE room = ? ORDER BY user")) {
                query.setString(1, room);
                try (ResultSet rows = query.executeQuery()) {
                    Map<String, Role> members = new LinkedHashMap<>();
                    while (rows.next()) {
                        members.put(rows.getString(1), StoredEnum.parse(Role.values(), rows.getString(2), "role"));
                    }
                    return members;
                }
            }
        });
    }

    @Override
    public List<String> roomsOf(String user) throws StoreException {
        return database.read("list a user's rooms", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT room FROM members WHERE user = ? ORDER BY room")) {
                query.setString(1, user);
                try (ResultSet rows = query.executeQuery()) {
                    List<String> rooms = new ArrayList<>();
                    while (rows.next()) {
                        rooms.add(rows.getString(1));
                    }
                    return rooms;
                }
            }
        });
    }

    @Override
    public void ban(String room, String user, long untilMillis, String by, String reason) throws StoreException {
        database.write("ban a user", connection -> update(connection.prepareStatement(
                "INSERT INTO bans (room, user, until, banned_by, reason) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (room, user) DO UPDATE SET until = excluded.until, "
                        + "banned_by = excluded.banned_by, reason = excluded.reason"),
                room, user, untilMillis, by, reason));
    }

    @Override
    public void unban(String room, String user) throws StoreException {
        database.write("lift a ban", connection -> update(connection.prepareStatement(
                "DELETE FROM bans WHERE room = ? AND user = ?"), room, user));
    }

    @Override
    public boolean isBanned(String room, String user, long nowMillis) throws StoreException {
        return database.read("check a ban", connection -> exists(connection.prepareStatement(
                "SELECT 1 FROM bans WHERE room = ? AND user = ? AND until > ?"), room, user, nowMillis));
    }

    @Override
    public void invite(String room, String user, String by) throws StoreException {
        database.write("invite to a room", connection -> update(connection.prepareStatement(
                "INSERT INTO room_invites (room, user, invited_by) VALUES (?, ?, ?) "
                        + "ON CONFLICT (room, user) DO UPDATE SET invited_by = excluded.invited_by"), room, user, by));
    }

    @Override
    public boolean isInvited(String room, String user) throws StoreException {
        return database.read("check an invitation", connection -> exists(connection.prepareStatement(
                "SELECT 1 FROM room_invites WHERE room = ? AND user = ?"), room, user));
    }

    @Override
    public boolean uninvite(String room, String user) throws StoreException {
        return database.write("withdraw an invitation", connection -> update(connection.prepareStatement(
                "DELETE FROM room_invites WHERE room = ? AND user = ?"), room, user) > 0);
    }

    @Override
    public void setOwner(String room, String owner) throws StoreException {
        database.write("pass on ownership", connection -> update(connection.prepareStatement(
                "UPDATE rooms SET owner = ? WHERE canonical = ?"), owner, room));
    }

    @Override
    public List<MemberEntry> allMemberships() throws StoreException {
        return database.read("load memberships", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT room, user, role FROM members");
                 ResultSet rows = query.executeQuery()) {
                List<MemberEntry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new MemberEntry(rows.getString(1), rows.getString(2),
                            StoredEnum.parse(Role.values(), rows.getString(3), "role")));
                }
                return entries;
            }
        });
    }

    @Override
    public List<BanEntry> activeBans(long nowMillis) throws StoreException {
        return database.read("load bans", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT room, user, until FROM bans WHERE until > ?")) {
                query.setLong(1, nowMillis);
                try (ResultSet rows = query.executeQuery()) {
                    List<BanEntry> entries = new ArrayList<>();
                    while (rows.next()) {
                        entries.add(new BanEntry(rows.getString(1), rows.getString(2), rows.getLong(3)));
                    }
                    return entries;
                }
            }
        });
    }

    @Override
    public List<InviteEntry> allInvitations() throws StoreException {
        return database.read("load invitations", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT room, user, invited_by FROM room_invites");
                 ResultSet rows = query.executeQuery()) {
                List<InviteEntry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new InviteEntry(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
                return entries;
            }
        });
    }

    /** Binds {@code values} in order (strings and longs), runs the update and closes the statement. */
    private static int update(PreparedStatement statement, Object... values) throws SQLException {
        try (statement) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    private static boolean exists(PreparedStatement statement, Object... values) throws SQLException {
        try (statement) {
            bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            switch (values[i]) {
                case String text -> statement.setString(i + 1, text);
                case Long number -> statement.setLong(i + 1, number);
                default -> throw new IllegalArgumentException("unsupported parameter type");
            }
        }
    }

    private static RoomRecord room(ResultSet rows) throws SQLException, StoreException {
        return new RoomRecord(rows.getString("name"), rows.getString("canonical"), rows.getString("topic"),
                StoredEnum.parse(RoomVisibility.values(), rows.getString("visibility"), "room visibility"),
                rows.getString("owner"), rows.getLong("created_at"));
    }
}
