package org.parley.client.e2ee.room;

import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;

/**
 * The device's pairwise end-to-end sessions (docs/E2EE.md §6–10), as the room logic uses them to
 * carry sender-key distributions. Implemented by the private-message layer.
 */
public interface PairwiseSessions {

    /**
     * Encrypts {@code inner} for {@code device} on the session with it, starting one from the
     * device's prekey bundle when there is none; the session (or the bundle) must carry exactly
     * {@code identity}, the identity the room's verified log admits. The session is stored before
     * this returns.
     *
     * @throws Unreachable if there is no such session and none can be started: the server gave no
     *     bundle for the device, or one that {@code VerifiedBundle.verify} or the session start
     *     refused (another identity than the log's is {@code WRONG_IDENTITY}; the refusal was
     *     already shown to the user as a {@code BundleRefused}), or the session with it refused to
     *     encrypt (unchanged); nothing was encrypted, and the caller leaves the device out
     * @throws Withheld if the device is another user's and that user's account does not list it
     *     with exactly {@code identity}, or the user is verified and the verification (or a later
     *     acceptance) did not cover this device with this identity: the log alone never decides that a key goes to another user's
     *     device (docs/E2EE.md §19.4, §20.7); nothing was encrypted, and the caller leaves it out
     */
    Bytes seal(DeviceRef device, DeviceIdentity identity, InnerMessage inner) throws Unreachable, Withheld, Exception;

    /**
     * The sessions to seal one send's distributions with, for {@code targets} (each device with the
     * identity the room's log admits for it): what {@link #seal} needs from the server for all of
     * them is read first, in as few requests as possible (docs/E2EE.md §20.3), and the returned
     * sessions use it. The checks {@link #seal} makes are unchanged. The default reads nothing ahead.
     */
    default PairwiseSessions prepared(java.util.List<Target> targets) throws Exception {
        return this;
    }

    /** A device a send's distribution goes to, with the identity the room's verified log admits for it. */
    record Target(DeviceRef device, DeviceIdentity identity) {
    }

    /**
     * The Ed25519 signing keys an invitation of {@code user} is bound to (docs/E2EE.md §19.4,
     * {@code invite_devices}): the user's devices as the server lists them now, each difference
     * shown as in a private send, and for a verified user only the devices the verification covers.
     *
     * @throws org.parley.client.UnacceptedChangesException if the user is verified and their
     *     devices changed since, not accepted yet
     * @throws org.parley.client.EndToEndException if the user has no device whose key can be named
     *     (none listed, every identity refused) or more than an invitation can name
     */
    java.util.List<Bytes> invitationKeys(String user) throws Exception;

    /** Why a device the log admits is not given this device's sender key (see {@link #seal}). */
    enum WithheldReason {
        /** The user's account does not list the device with the identity the log admits for it. */
        NOT_LISTED,
        /** The user is verified and the device was added or changed since, not accepted yet. */
        UNACCEPTED_CHANGES
    }

    /** The device is left out of this send by this device's own rule, not by a failure; a later send checks again. */
    final class Withheld extends Exception {
        private static final long serialVersionUID = 1L;
        private final DeviceRef device;
        private final WithheldReason reason;

        public Withheld(DeviceRef device, WithheldReason reason, String message) {
            super(message);
            this.device = device;
            this.reason = reason;
        }

        public DeviceRef device() {
            return device;
        }

        public WithheldReason reason() {
            return reason;
        }
    }

    /** No pairwise session with {@code device} could be started (see {@link #seal}); a later send tries again. */
    final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;
        private final DeviceRef device;
        private final E2eeError error;

        public Unreachable(DeviceRef device, E2eeError error, String message, Throwable cause) {
            super(message, cause);
            this.device = device;
            this.error = error;
        }

        public DeviceRef device() {
            return device;
        }

        /** The core's refusal ({@code UNKNOWN_PREKEY} when the server gave no bundle). */
        public E2eeError error() {
            return error;
        }
    }
}
