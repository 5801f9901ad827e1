package org.parley.server.store;

import java.sql.PreparedStatement;
import java.util.List;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;

/**
 * Fills a store fast for tests that need thousands of accounts and rooms: all rows in one write
 * transaction (one commit instead of one per row). Accounts made here have no password (they
 * cannot log in); use the store API for the few that must.
 */
public final class StoreSeed {
    private StoreSeed() {
    }

    /** Accounts without credentials, named as given (display name = canonical name). */
    public static void accounts(SqliteStore store, List<String> names) throws StoreException {
        store.database().write("seed accounts", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO accounts (canonical, name, created_at) VALUES (?, ?, 0)")) {
                for (String name : names) {
                    insert.setString(1, name);
                    insert.setString(2, name);
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }

    /** Rooms named as given, each with its owner as OWNER member (none for the empty owner, as the Lobby has). */
    public static void rooms(SqliteStore store, List<String> names, RoomVisibility visibility, String owner)
            throws StoreException {
        store.database().write("seed rooms", connection -> {
            try (PreparedStatement room = connection.prepareStatement(
                    "INSERT INTO rooms (name, canonical, topic, visibility, owner, created_at) VALUES (?, ?, '', ?, ?, 0)");
                 PreparedStatement member = connection.prepareStatement(
                    "INSERT INTO members (room, user, role) VALUES (?, ?, ?)")) {
                for (String name : names) {
                    room.setString(1, name);
                    room.setString(2, name);
                    room.setString(3, visibility.name());
                    room.setString(4, owner);
                    room.addBatch();
                    if (owner.isEmpty()) {
                        continue;
                    }
                    member.setString(1, name);
                    member.setString(2, owner);
                    member.setString(3, Role.OWNER.name());
                    member.addBatch();
                }
                int rooms = room.executeBatch().length;
                member.executeBatch();
                return rooms;
            }
        });
    }

    /** Makes each user a plain member of {@code room}. */
    public static void members(SqliteStore store, String room, List<String> users) throws StoreException {
        store.database().write("seed members", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO members (room, user, role) VALUES (?, ?, ?)")) {
                for (String user : users) {
                    insert.setString(1, room);
                    insert.setString(2, user);
                    insert.setString(3, Role.MEMBER.name());
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }
}
