package org.parley.server.store;

import java.util.List;

/**
 * Version 2 of the store's schema: end-to-end devices, their prekeys and envelope queues
 * (docs/PROTOCOL.md, Section 14.8; docs/ARCHITECTURE.md).
 *
 * <p>Every blob here is public-key material or ciphertext the server cannot open: identities and
 * prekey records are public, envelopes are encrypted for one device. Device ids come from a
 * per-account counter that only grows, so an id is never reused after its device is removed.
 * Prekeys and queued envelopes go with their device ({@code ON DELETE CASCADE}).
 */
final class SchemaE2eTables {

    static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE e2e_device_counters (
              account  TEXT PRIMARY KEY REFERENCES accounts (canonical) ON DELETE CASCADE,
              last_id  INTEGER NOT NULL
            )""",
            """
            CREATE TABLE e2e_devices (
              account      TEXT NOT NULL REFERENCES accounts (canonical) ON DELETE CASCADE,
              device_id    INTEGER NOT NULL CHECK (device_id BETWEEN 1 AND 4294967295),
              identity     BLOB NOT NULL,
              signing_key  BLOB NOT NULL,
              name         TEXT NOT NULL,
              added_at     INTEGER NOT NULL,
              last_seen    INTEGER NOT NULL,
              PRIMARY KEY (account, device_id),
              UNIQUE (account, signing_key)
            )""",
            """
            CREATE TABLE e2e_prekeys (
              account    TEXT NOT NULL,
              device_id  INTEGER NOT NULL,
              kind       INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
              key_id     INTEGER NOT NULL,
              record     BLOB NOT NULL,
              PRIMARY KEY (account, device_id, kind, key_id),
              FOREIGN KEY (account, device_id) REFERENCES e2e_devices (account, device_id) ON DELETE CASCADE
            )""",
            """
            CREATE TABLE e2e_envelopes (
              id             INTEGER PRIMARY KEY AUTOINCREMENT,
              account        TEXT NOT NULL,
              device_id      INTEGER NOT NULL,
              sender         TEXT NOT NULL,
              sender_device  INTEGER NOT NULL,
              ts             INTEGER NOT NULL,
              envelope       BLOB NOT NULL,
              FOREIGN KEY (account, device_id) REFERENCES e2e_devices (account, device_id) ON DELETE CASCADE
            )""",
            "CREATE INDEX e2e_envelopes_queue ON e2e_envelopes (account, device_id, id)",
            """
            CREATE TABLE e2e_contacts (
              account  TEXT NOT NULL REFERENCES accounts (canonical) ON DELETE CASCADE,
              peer     TEXT NOT NULL REFERENCES accounts (canonical) ON DELETE CASCADE,
              PRIMARY KEY (account, peer)
            )""");

    private SchemaE2eTables() {
    }
}
