package org.parley.server.store;

import java.util.List;

/**
 * Version 1 of the store's schema. Users and rooms are keyed by canonical name. Enumerations
 * (mechanism, algorithm, role, visibility, content type) are stored by their Java constant names,
 * readable with the {@code sqlite3} shell.
 *
 * <p>Messages share one table so that {@code id INTEGER PRIMARY KEY AUTOINCREMENT} gives ids that
 * increase across rooms and private conversations and are never reused, even after deletions.
 * A private message stores its two parties' keys in a fixed order ({@code pair_low <= pair_high})
 * so that history between two users is one index range.
 */
final class SchemaV1 {

    static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE accounts (
              canonical   TEXT PRIMARY KEY,
              name        TEXT NOT NULL,
              mechanism   TEXT,
              salt        BLOB,
              iterations  INTEGER,
              stored_key  BLOB,
              server_key  BLOB,
              disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
              created_at  INTEGER NOT NULL,
              CHECK ((mechanism IS NULL AND salt IS NULL AND iterations IS NULL AND stored_key IS NULL
                      AND server_key IS NULL)
                  OR (mechanism IS NOT NULL AND salt IS NOT NULL AND iterations IS NOT NULL
                      AND stored_key IS NOT NULL AND server_key IS NOT NULL))
            )""",
            """
            CREATE TABLE login_keys (
              account     TEXT NOT NULL REFERENCES accounts (canonical) ON DELETE CASCADE,
              algorithm   TEXT NOT NULL,
              public_key  BLOB NOT NULL,
              PRIMARY KEY (account, algorithm, public_key)
            )""",
            """
            CREATE TABLE invites (
              code        TEXT PRIMARY KEY,
              created_by  TEXT NOT NULL,
              expires_at  INTEGER NOT NULL,
              used_by     TEXT,
              used_at     INTEGER
            )""",
            """
            CREATE TABLE rooms (
              canonical   TEXT PRIMARY KEY,
              name        TEXT NOT NULL,
              topic       TEXT NOT NULL,
              visibility  TEXT NOT NULL,
              owner       TEXT NOT NULL,
              created_at  INTEGER NOT NULL
            )""",
            """
            CREATE TABLE members (
              room  TEXT NOT NULL REFERENCES rooms (canonical) ON DELETE CASCADE,
              user  TEXT NOT NULL,
              role  TEXT NOT NULL,
              PRIMARY KEY (room, user)
            )""",
            "CREATE INDEX members_by_user ON members (user, room)",
            """
            CREATE TABLE bans (
              room       TEXT NOT NULL REFERENCES rooms (canonical) ON DELETE CASCADE,
              user       TEXT NOT NULL,
              until      INTEGER NOT NULL,
              banned_by  TEXT NOT NULL,
              reason     TEXT NOT NULL,
              PRIMARY KEY (room, user)
            )""",
            """
            CREATE TABLE room_invites (
              room        TEXT NOT NULL REFERENCES rooms (canonical) ON DELETE CASCADE,
              user        TEXT NOT NULL,
              invited_by  TEXT NOT NULL,
              PRIMARY KEY (room, user)
            )""",
            """
            CREATE TABLE messages (
              id             INTEGER PRIMARY KEY AUTOINCREMENT,
              kind           TEXT NOT NULL CHECK (kind IN ('ROOM', 'PRIVATE')),
              room           TEXT,
              sender         TEXT NOT NULL,
              recipient      TEXT,
              recipient_key  TEXT,
              pair_low       TEXT,
              pair_high      TEXT,
              ts             INTEGER NOT NULL,
              content_type   TEXT NOT NULL,
              body           BLOB NOT NULL,
              CHECK ((kind = 'ROOM' AND room IS NOT NULL AND recipient IS NULL AND pair_low IS NULL)
                  OR (kind = 'PRIVATE' AND room IS NULL AND recipient IS NOT NULL AND recipient_key IS NOT NULL
                      AND pair_low IS NOT NULL AND pair_high IS NOT NULL))
            )""",
            "CREATE INDEX messages_by_room ON messages (room, id)",
            "CREATE INDEX messages_by_pair ON messages (pair_low, pair_high, id)",
            "CREATE INDEX messages_by_recipient ON messages (recipient_key, id)",
            """
            CREATE TABLE delivery_cursors (
              user          TEXT PRIMARY KEY,
              delivered_id  INTEGER NOT NULL
            )""");

    private SchemaV1() {
    }
}
