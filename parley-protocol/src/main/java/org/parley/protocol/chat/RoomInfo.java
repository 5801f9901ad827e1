package org.parley.protocol.chat;

/**
 * A room as listed: name, topic, visibility, whether it is end-to-end encrypted (its membership
 * is its signed log, its messages opaque envelopes), and member / online counts.
 */
public record RoomInfo(String name, String topic, RoomVisibility visibility, boolean encrypted, int memberCount,
                       int onlineCount) {
}
