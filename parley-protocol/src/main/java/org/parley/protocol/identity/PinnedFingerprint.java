package org.parley.protocol.identity;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.suite.SignatureComponent;

/** Trusts exactly one server key, given by its fingerprint (for example from an operator's announcement). */
public record PinnedFingerprint(Fingerprint expected) implements ServerKeyVerifier {

    @Override
    public void verify(SignatureComponent algorithm, Bytes publicKey) throws HandshakeException {
        Fingerprint actual = Fingerprint.of(algorithm, publicKey);
        if (!actual.sha256().constantTimeEquals(expected.sha256())) {
            throw new HandshakeException(Alert.UNTRUSTED_SERVER_KEY,
                    "server key " + actual + " is not the pinned " + expected);
        }
    }
}
