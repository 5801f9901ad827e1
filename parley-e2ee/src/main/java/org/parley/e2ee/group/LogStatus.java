package org.parley.e2ee.group;

import org.parley.crypto.Bytes;

/** The membership-log line of the security panel: verified, or the problem last seen. */
public sealed interface LogStatus {

    /** The log verified; {@code head} is the hash of its last entry (clients may compare it out of band). */
    record Verified(int entries, Bytes head) implements LogStatus {
    }

    /**
     * The server last showed a log that failed {@code error}; the room keeps working on the last
     * verified log ({@code entries} entries) and distributes keys only to the devices it admits.
     */
    record Problem(RoomError error, String detail, int entries) implements LogStatus {
    }
}
