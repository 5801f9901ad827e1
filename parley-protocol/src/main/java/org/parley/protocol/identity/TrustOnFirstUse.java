package org.parley.protocol.identity;

import java.util.function.Predicate;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.suite.SignatureComponent;

/**
 * SSH-style trust: on first contact ask (or accept), and pin once the handshake completes;
 * afterwards require the same key.
 *
 * <p><b>Security.</b> A changed key is a hard failure with an explanation, never a prompt: a
 * changed key is exactly what a man in the middle looks like, and users click through prompts.
 * An operator who really rotated the key must remove the old pin deliberately.
 */
public final class TrustOnFirstUse implements ServerKeyVerifier {
    private final PinStore store;
    private final String server;
    private final Predicate<Fingerprint> firstContactDecision;

    /**
     * @param server the name the user connected to, "host:port"
     * @param firstContactDecision asked once for an unknown server; true pins the key
     */
    public TrustOnFirstUse(PinStore store, String server, Predicate<Fingerprint> firstContactDecision) {
        this.store = store;
        this.server = server;
        this.firstContactDecision = firstContactDecision;
    }

    @Override
    public void verify(SignatureComponent algorithm, Bytes publicKey) throws HandshakeException {
        Fingerprint actual = Fingerprint.of(algorithm, publicKey);
        var pinned = store.pinned(server);
        if (pinned.isPresent()) {
            if (!pinned.get().sha256().constantTimeEquals(actual.sha256())) {
                throw new HandshakeException(Alert.UNTRUSTED_SERVER_KEY,
                        "the key of " + server + " CHANGED: pinned " + pinned.get() + ", offered " + actual
                                + ". Someone may be intercepting the connection; if the operator really"
                                + " replaced the key, remove the old pin deliberately.");
            }
            return;
        }
        if (!firstContactDecision.test(actual)) {
            throw new HandshakeException(Alert.UNTRUSTED_SERVER_KEY, "first contact with " + server + " not trusted");
        }
    }

    /** Pins the key of a first contact once the server has proven it holds it. */
    @Override
    public void handshakeCompleted(SignatureComponent algorithm, Bytes publicKey) {
        if (store.pinned(server).isEmpty()) {
            store.pin(server, Fingerprint.of(algorithm, publicKey));
        }
    }
}
