package org.parley.protocol.chat;

/** A room as listed: name, topic, visibility, and member / online counts. */
public record RoomInfo(String name, String topic, RoomVisibility visibility, int memberCount, int onlineCount) {
}
