package org.parley.server.store;

import org.parley.protocol.chat.Role;

/**
 * One change to a room's chat state that a membership-log entry brings with it, written in the
 * same transaction as the entry ({@link RoomLogStore#append}). Users are canonical names.
 */
public sealed interface RoomChange {

    /** Adds a membership or changes its role. */
    record PutMember(String user, Role role) implements RoomChange {
    }

    record RemoveMember(String user) implements RoomChange {
    }

    /** Records an invitation by {@code by}. */
    record Invite(String user, String by) implements RoomChange {
    }

    /** Withdraws an invitation, if there is one. */
    record Uninvite(String user) implements RoomChange {
    }

    /** A ban for good (a membership-log ban cannot be lifted). */
    record Ban(String user, String by) implements RoomChange {
    }

    /** Records a new owner (the recorded owner left). */
    record SetOwner(String user) implements RoomChange {
    }
}
