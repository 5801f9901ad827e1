package org.parley.client.e2ee;

import java.util.Optional;
import org.parley.e2ee.session.RatchetView;

/**
 * One device of a contact (or of this account) as this client knows it, for the security panel.
 *
 * @param user the device's owner
 * @param deviceId the server-assigned id
 * @param name the device name the server lists ("" when unknown)
 * @param signingKeyHex the device's Ed25519 identity key in hex (what the safety number covers)
 * @param verified the user marked this contact verified while this identity was known
 * @param ratchet the session with this device, if one exists
 */
public record ContactDevice(String user, long deviceId, String name, String signingKeyHex, boolean verified,
        Optional<RatchetView> ratchet) {
}
