package org.parley.e2ee.group;

import java.util.List;
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

    /**
     * An operator or owner lets {@code target} join a private room (also allowed in a public one).
     * With {@code deviceKeys} (action {@code invite_devices}, code 10) the invitation is bound to
     * those Ed25519 signing keys of the target's devices, as the inviter's device saw them: only a
     * join signed by one of them consumes it. Without (action {@code invite}, code 2) any key of the
     * target's may join; clients since this rule sign only bound invitations, and logs keep the old
     * kind valid. The keys are kept in ascending unsigned byte order, so the encoding is unique.
     */
    record Invite(String target, List<Bytes> deviceKeys) implements LogBody {
        /** At most this many keys: the Parley server lists at most 10 devices per account. */
        public static final int MAX_DEVICE_KEYS = 16;
        public static final int KEY_LENGTH = 32;

        public Invite {
            deviceKeys = List.copyOf(deviceKeys);
            if (deviceKeys.size() > MAX_DEVICE_KEYS) {
                throw new IllegalArgumentException("an invitation names at most " + MAX_DEVICE_KEYS + " device keys");
            }
            for (int i = 0; i < deviceKeys.size(); i++) {
                if (deviceKeys.get(i).length() != KEY_LENGTH) {
                    throw new IllegalArgumentException("a device key is " + KEY_LENGTH + " bytes");
                }
                if (i > 0 && compare(deviceKeys.get(i - 1), deviceKeys.get(i)) >= 0) {
                    throw new IllegalArgumentException("device keys must be distinct and in ascending order");
                }
            }
        }

        /** An invitation of the old kind, not bound to any key. */
        public Invite(String target) {
            this(target, List.of());
        }

        /** An invitation bound to {@code keys}, sorted here (duplicates are refused). */
        public static Invite boundTo(String target, java.util.Collection<Bytes> keys) {
            List<Bytes> sorted = new java.util.ArrayList<>(keys);
            sorted.sort(Invite::compare);
            return new Invite(target, sorted);
        }

        /** True if the invitation names keys (code 10). */
        public boolean bound() {
            return !deviceKeys.isEmpty();
        }

        public int code() {
            return bound() ? 10 : 2;
        }

        static int compare(Bytes a, Bytes b) {
            return java.util.Arrays.compareUnsigned(a.toByteArray(), b.toByteArray());
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
