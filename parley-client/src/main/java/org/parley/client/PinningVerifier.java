package org.parley.client;

import java.util.Optional;
import java.util.function.Predicate;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.PinStore;
import org.parley.protocol.identity.ServerKeyVerifier;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.suite.SignatureComponent;

/**
 * {@link TrustOnFirstUse} for one connection (it pins only once the handshake completed), remembering what happened so the client can report
 * it: whether this connection pinned the key (first contact), or which pin a changed key
 * contradicted.
 *
 * <p><b>Security.</b> The decision itself is TrustOnFirstUse's: a changed key is refused, never
 * prompted for. This class only observes. Written and read on the connection's I/O thread; the
 * fields are volatile because the outcome is read from the caller's thread afterwards.
 */
final class PinningVerifier implements ServerKeyVerifier {
    private final PinStore pins;
    private final String server;
    private final TrustOnFirstUse trust;
    private volatile boolean firstContact;
    private volatile boolean pinnedNow;
    private volatile KeyChange keyChange;

    /** A pinned fingerprint and the different one the server offered. */
    record KeyChange(Fingerprint pinned, Fingerprint offered) {
    }

    PinningVerifier(PinStore pins, String server, Predicate<Fingerprint> firstContactDecision) {
        this.pins = pins;
        this.server = server;
        this.trust = new TrustOnFirstUse(pins, server, firstContactDecision);
    }

    @Override
    public void verify(SignatureComponent algorithm, Bytes publicKey) throws HandshakeException {
        Fingerprint offered = Fingerprint.of(algorithm, publicKey);
        Optional<Fingerprint> before = pins.pinned(server);
        try {
            trust.verify(algorithm, publicKey);
        } catch (HandshakeException e) {
            if (before.isPresent() && !before.get().equals(offered)) {
                keyChange = new KeyChange(before.get(), offered);
            }
            throw e;
        }
        firstContact = before.isEmpty();
    }

    /** The server proved it holds the key: TrustOnFirstUse pins a first contact now, not earlier. */
    @Override
    public void handshakeCompleted(SignatureComponent algorithm, Bytes publicKey) {
        trust.handshakeCompleted(algorithm, publicKey);
        pinnedNow = firstContact;
    }

    /** True if this connection pinned the server's key (the user trusted a first contact). */
    boolean pinnedNow() {
        return pinnedNow;
    }

    /** The contradicted pin, if the handshake failed because the server's key changed. */
    Optional<KeyChange> keyChange() {
        return Optional.ofNullable(keyChange);
    }

    String server() {
        return server;
    }
}
