package org.parley.desktop;

import org.parley.protocol.chat.RoomVisibility;

/**
 * What the Create-room dialog asks for: the name, who may see and join the room, and whether it is
 * end-to-end encrypted (final: a room is never switched between the two).
 */
record NewRoom(String name, RoomVisibility visibility, boolean encrypted) {
}
