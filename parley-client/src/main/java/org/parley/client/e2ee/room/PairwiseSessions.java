package org.parley.client.e2ee.room;

import org.parley.crypto.Bytes;
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
     * {@code identity}, the identity the room's verified log admits, else this fails with an
     * {@link org.parley.e2ee.E2eeException} ({@code WRONG_IDENTITY}) and nothing is sent.
     * The session is stored before this returns.
     */
    Bytes seal(DeviceRef device, DeviceIdentity identity, InnerMessage inner) throws Exception;
}
