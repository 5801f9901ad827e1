package org.parley.server.store;

import org.parley.protocol.chat.RoomVisibility;

/**
 * A room as stored.
 *
 * @param canonicalName unique key (NFC, case-folded); {@code name} is the display form
 */
public record RoomRecord(String name, String canonicalName, String topic, RoomVisibility visibility, String owner,
        long createdAtMillis) {
}
