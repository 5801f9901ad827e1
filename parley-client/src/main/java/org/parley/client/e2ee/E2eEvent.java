package org.parley.client.e2ee;

import org.parley.e2ee.E2eeError;

/**
 * What the end-to-end layer of a {@link org.parley.client.ParleySession} reports to its listener
 * ({@link org.parley.client.SessionListener#onE2e}), through the session's callback executor. A
 * UI shows each of them in the conversation with {@code user}; the English {@code detail} texts
 * are for logs and bots, the UIs translate from the typed fields.
 */
public sealed interface E2eEvent {

    /** The conversation this event belongs to (the peer's name). */
    String conversation();

    /**
     * An end-to-end private message, received from {@code message.fromUser()} or, when
     * {@code message.outgoing()}, sent by this account from another of its devices. It is already
     * in the local history when this is reported.
     */
    record Message(E2eMessage message) implements E2eEvent {
        @Override
        public String conversation() {
            return message.peer();
        }
    }

    /**
     * A contact's (or this account's) device list or identity changed: a new device, a removed
     * one, or a known device id presenting a different identity key. For a verified contact,
     * sending stops until {@link org.parley.client.ParleySession#acceptChanges} (then
     * {@code blocksSending} is true).
     */
    record DeviceNotice(String user, long deviceId, DeviceNoticeKind kind, boolean blocksSending) implements E2eEvent {
        @Override
        public String conversation() {
            return user;
        }
    }

    /**
     * An envelope from {@code fromUser}'s device {@code fromDevice} could not be decrypted
     * ("could not decrypt a message from bob: …"); nothing changed in the session and the
     * envelope was acknowledged so it cannot block the queue.
     */
    record DecryptFailure(String fromUser, long fromDevice, E2eeError error, String detail) implements E2eEvent {
        @Override
        public String conversation() {
            return fromUser;
        }
    }

    /**
     * {@code fromUser}'s device {@code fromDevice} sent a message that it could not encrypt for
     * this device (this device's bundle, listed identity or session was refused there): it sent
     * the placeholder envelope {@code 0x00} instead ("bob's device 3 could not encrypt this message
     * for this device"). Nothing can be read from it, nothing changed here, and it was acknowledged
     * like any envelope (docs/E2EE.md §20.3, §20.4).
     */
    record NotEncryptedForThisDevice(String fromUser, long fromDevice) implements E2eEvent {
        @Override
        public String conversation() {
            return fromUser;
        }
    }

    /**
     * {@code fromUser} is a contact this device verified, and the message that follows comes from
     * their device {@code fromDevice}, which the verification did not cover with the key it used
     * (added or changed since, and not accepted: docs/E2EE.md §20.5). It may be the user's new
     * device, or one the server added in the user's name. Reported once per device while this
     * session runs (again after the device key changes), before that device's first message.
     */
    record FromUnverifiedDevice(String fromUser, long fromDevice) implements E2eEvent {
        @Override
        public String conversation() {
            return fromUser;
        }
    }

    /**
     * A message from {@code fromUser}'s device {@code fromDevice} skipped ahead: {@code count}
     * earlier messages of that device have not arrived ("1 message from bob is missing"). If one
     * arrives later it is shown then, as usual; a server that dropped it is the usual reason if it
     * never does (docs/E2EE.md §20.4).
     */
    record MessagesMissing(String fromUser, long fromDevice, int count) implements E2eEvent {
        @Override
        public String conversation() {
            return fromUser;
        }
    }

    /**
     * A prekey bundle handed out by the server for {@code user}'s device was refused (a bad
     * signature, an identity other than the device list's or the room log's, an ML-KEM key failing
     * its check), or the server gave none ({@code UNKNOWN_PREKEY}), or the identity the device list
     * gives for that device does not parse or fails its signature: a substituted or broken bundle
     * or identity, shown, never silent. That device is left out of the send (private or room) that tried it; the
     * other devices still get the message, and the next send tries the device again.
     */
    record BundleRefused(String user, long deviceId, E2eeError error, String detail) implements E2eEvent {
        @Override
        public String conversation() {
            return user;
        }
    }

    /**
     * A private message whose answer was lost, kept in the device's outbox ({@code outbox/}) and sent
     * again after the client restarted, has a definite outcome now (docs/E2EE.md 20.3): nobody holds
     * a future for it any more, so the outcome comes here. {@link SendOutcome#SENT}: it is in the
     * history (once) and the server stored it once. {@link SendOutcome#REFUSED}: it was not sent,
     * {@code detail} says why (a refusal's error code in lower case, or the reason in English).
     * {@link SendOutcome#NOT_CONFIRMED}: first tried more than {@link UnconfirmedSends#MAX_AGE} ago, it
     * may or may not have been delivered and is not sent again.
     */
    record SendSettled(E2eMessage message, SendOutcome outcome, String detail) implements E2eEvent {
        @Override
        public String conversation() {
            return message.peer();
        }
    }

    /**
     * An outbox file ({@code file}, docs/E2EE.md 20.1) did not decode: it was renamed
     * {@code <file>.unreadable}, is never sent, and the device loaded the rest. The message it held,
     * if any, may or may not have been delivered. It belongs to no conversation
     * ({@link #conversation()} is empty): the UIs show it where the user is.
     */
    record OutboxEntryUnreadable(String file, OutboxFormatException.Reason reason) implements E2eEvent {
        @Override
        public String conversation() {
            return "";
        }
    }

    /**
     * As {@link SendSettled}, for an encrypted-room message kept in the outbox across a restart
     * (docs/E2EE.md 20.7): {@code SENT} means it is in the room's history with the id the server
     * answered ({@code message.serverId()}).
     */
    record RoomSendSettled(org.parley.client.e2ee.room.E2eRoomMessage message, SendOutcome outcome, String detail)
            implements E2eEvent {
        @Override
        public String conversation() {
            return message.room();
        }
    }

    /**
     * As {@link RoomSendSettled}, for a plaintext-room message ({@link org.parley.client.ParleySession#sendRoomText})
     * kept in the device's outbox across a restart (docs/E2EE.md 20.3): {@code SENT} means the
     * server stored it, once, under {@code serverId} (0 otherwise); {@code NOT_CONFIRMED} that it
     * was first tried more than five minutes ago and may or may not have been delivered.
     */
    record RoomTextSettled(String room, String text, long serverId, SendOutcome outcome, String detail)
            implements E2eEvent {
        @Override
        public String conversation() {
            return room;
        }

        /** Never shows the text. */
        @Override
        public String toString() {
            return "RoomTextSettled[" + room + ", " + serverId + ", " + outcome + ", " + detail + "]";
        }
    }
}
