package org.parley.server.rooms;

import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.VerifiedLog;

/** An entry that passed every check, and the verified log it makes (not yet stored nor adopted). */
public record CheckedEntry(LogEntry entry, VerifiedLog log) {
}
