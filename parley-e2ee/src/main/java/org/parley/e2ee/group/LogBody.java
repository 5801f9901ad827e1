package org.parley.e2ee.group;

import org.parley.crypto.Bytes;

/**
 * What a membership-log entry does (docs/E2EE.md, "Membership log"). The actor is always the
 * entry's signer; targets are user names. Wire codes are {@link #code()}.
 */
public sealed interface LogBody {

    /** The wire code of this action. */
    int code();

    /** Genesis (position 0 only): binds the room id, its name, visibility and the creator's device. */
    record Create(String roomId, String roomName, Visibility visibility, Bytes creatorIdentity) implements LogBody {
        public int code() {
            return 1;
        }
    }

    /** An operator or owner lets {@code target} join a private room (also allowed in a public one). */
    record Invite(String target) implements LogBody {
        public int code() {
            return 2;
        }
    }

    /** The actor joins with its first device, whose identity signs this entry. */
    record Join(Bytes identity) implements LogBody {
        public int code() {
            return 3;
        }
    }

    /** The actor leaves with every device. */
    record Leave() implements LogBody {
        public int code() {
            return 4;
        }
    }

    /** An operator or owner removes a lower-ranked member (who may be invited again). */
    record Kick(String target) implements LogBody {
        public int code() {
            return 5;
        }
    }

    /** An operator or owner removes a lower-ranked member (or a non-member) for good. */
    record Ban(String target) implements LogBody {
        public int code() {
            return 6;
        }
    }

    /** An owner sets a member's role. */
    record RoleChange(String target, Role role) implements LogBody {
        public int code() {
            return 7;
        }
    }

    /** A member device vouches for a new device of the same user. */
    record DeviceAdded(long deviceId, Bytes identity) implements LogBody {
        public int code() {
            return 8;
        }
    }

    /** A member device removes a device of the same user (not the user's last one). */
    record DeviceRemoved(long deviceId) implements LogBody {
        public int code() {
            return 9;
        }
    }
}
