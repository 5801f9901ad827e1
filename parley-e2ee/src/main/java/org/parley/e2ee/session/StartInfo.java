package org.parley.e2ee.session;

import java.util.Optional;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.prekey.PrekeyKind;

/**
 * How a session started, for the user to see (docs/E2EE.md, "Session start"): without a one-time
 * X25519 prekey the first messages lose forward secrecy against a later theft of the signed
 * prekey; with the last-resort ML-KEM prekey the same holds for the post-quantum part.
 *
 * @param suite the negotiated suite
 * @param peer the other device's verified identity
 * @param oneTimePrekeyUsed whether a one-time X25519 prekey was used
 * @param kemPrekey which ML-KEM-768 prekey kind was used; empty in the classic suite
 */
public record StartInfo(E2eSuite suite, DeviceIdentity peer, boolean oneTimePrekeyUsed,
        Optional<PrekeyKind> kemPrekey) {
}
