/**
 * The server's checks of end-to-end encrypted rooms' membership logs (docs/PROTOCOL.md, Section
 * 14.9): a verified copy of each log ({@link org.parley.server.rooms.RoomLogs}), rebuilt at start,
 * and the checks of a genesis or appended entry against it and against the session's bound device.
 * Pure: no store, no chat state, no threads; the chat layer applies what an accepted entry does.
 */
package org.parley.server.rooms;
