package org.parley.client.e2ee.room;

/**
 * What changed in an encrypted room, as read from its verified membership log (or done locally).
 * The UIs translate these into English and 简体中文 texts.
 */
public enum RoomNoticeKind {
    /** The room was created by {@code user} (genesis entry). */
    CREATED,
    /** {@code user} was invited (may now join). */
    INVITED,
    /** {@code user} joined with device {@code deviceId}. */
    JOINED,
    /** {@code user} left with every device. */
    LEFT,
    /** {@code user} was kicked (all their devices removed). */
    KICKED,
    /** {@code user} was banned for good (all their devices removed). */
    BANNED,
    /** {@code user}'s role changed (the role is in the notice's {@code detail}). */
    ROLE_CHANGED,
    /** {@code user} added device {@code deviceId} to the room. */
    DEVICE_ADDED,
    /** {@code user} removed device {@code deviceId} from the room. */
    DEVICE_REMOVED,
    /** Shown once when this device joins: new members read from their join on; earlier history is not shared. */
    HISTORY_NOT_SHARED,
    /** This device started a new sender chain (epoch in {@code detail}) and handed it to the devices the log admits. */
    REKEYED,
    /**
     * The server lists device {@code deviceId} of this account ({@code user}), which the user has
     * not accepted on this device: it is not signed into the room and gets none of its keys until
     * the user accepts it ({@code /accept <own name>}); a device the user did not add is a warning.
     */
    OWN_DEVICE_PENDING,
    /** This device is no longer admitted by the room's log (it left, was kicked or banned). */
    NO_LONGER_MEMBER,
    /**
     * Sending here, this device could not give its sender key to {@code user}'s device
     * {@code deviceId}: the server gave no prekey bundle for it, or one that was refused (also an
     * {@code E2eEvent.BundleRefused}), or the existing session with it refused to encrypt (the
     * reason, lower case, in {@code detail}). The others got
     * the key; that device cannot read these messages, and the next send tries it again.
     */
    KEY_NOT_DELIVERED,
    /**
     * The room's log admits {@code user}'s device {@code deviceId}, but {@code user}'s account does
     * not list that device with the key the log admits: it may be a device the server signed in
     * under {@code user}'s invitation (docs/E2EE.md §19.4), so it gets no key of this device. Shown
     * once; every send checks again, and it gets the key once the account lists it (a listed device
     * is visible to {@code user} and changes the safety number).
     */
    KEY_WITHHELD_NOT_LISTED,
    /**
     * {@code user} is a verified contact whose devices changed since (a new device or a new key):
     * until the user accepts the changes, {@code user}'s device {@code deviceId} gets no key of this
     * device in the room, as private messages to {@code user} stop. Shown once; the first send after
     * the acceptance delivers it.
     */
    KEY_WITHHELD_UNACCEPTED,
    /**
     * Joining, this account ({@code user}) is already a member of the encrypted room, but its log
     * admits not this device ({@code deviceId}), only the account's devices listed in
     * {@code detail}: this device reads nothing there until one of those adds it (after the user
     * accepts this device there). If the user never joined from those devices, someone joined in
     * the user's name under the invitation: the server can (docs/E2EE.md §19.4).
     */
    NOT_ADMITTED_HERE,
    /**
     * {@code user} is a contact this device verified, and the room messages that follow come from
     * their device {@code deviceId}, which the verification did not cover with the key the log
     * admits for it (added or changed since, not accepted: docs/E2EE.md §20.5). It may be the
     * user's new device, or one the server added in the user's name. Shown once per room and device.
     */
    FROM_UNVERIFIED_DEVICE,
    /**
     * Joining, the invitation {@code user} signed for this account names device keys ({@code detail}:
     * the first 8 bytes of each, hex, comma-separated) that this account's device list does not
     * hold: the server showed {@code user} a device in this user's name, or shows {@code user}
     * another list than this account (docs/E2EE.md §19.4). This device still joins if the
     * invitation names it; the user should compare safety numbers with {@code user}.
     */
    INVITATION_NAMES_UNKNOWN_KEYS
}
