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
     */
    Bytes seal(DeviceRef device, DeviceIdentity identity, InnerMessage inner) throws Unreachable, Exception;

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
