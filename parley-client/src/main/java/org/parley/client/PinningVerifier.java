package org.parley.client;

import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.PinStore;
import org.parley.protocol.identity.ServerKeyVerifier;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The client's check of the server key for one connection, remembering what happened so the
 * client can report it: a pinned key must match ({@link TrustOnFirstUse} refuses a changed key),
 * and an unknown key is let through the handshake <em>provisionally</em>, so that the question to
 * the user is asked after the server proved it holds the key, while the client still holds back its
 * Finished ({@link FirstContactQuestion}). Nothing is pinned until the user agreed.
 *
 * <p><b>Security.</b> A changed key is refused, never prompted for. A provisional first contact
 * sends nothing the server could use: the client's Finished, and so every authentication message,
 * waits for {@link #consent()}. Written on the connection's I/O thread; the fields are volatile
 * because the outcome is read from the caller's thread afterwards.
 */
final class PinningVerifier implements ServerKeyVerifier {
    private final PinStore pins;
    private final String server;
    private final TrustOnFirstUse changedKeyCheck;
    private volatile Fingerprint unknown;
    private volatile boolean pinnedNow;
    private volatile KeyChange keyChange;

    /** A pinned fingerprint and the different one the server offered. */
    record KeyChange(Fingerprint pinned, Fingerprint offered) {
    }

    PinningVerifier(PinStore pins, String server) {
        this.pins = pins;
        this.server = server;
        // Asked only for a server without a pin; the real question comes after the handshake.
        this.changedKeyCheck = new TrustOnFirstUse(pins, server, provisional -> true);
    }

    @Override
    public void verify(SignatureComponent algorithm, Bytes publicKey) throws HandshakeException {
        Fingerprint offered = Fingerprint.of(algorithm, publicKey);
        Optional<Fingerprint> before = pins.pinned(server);
        try {
            changedKeyCheck.verify(algorithm, publicKey);
        } catch (HandshakeException e) {
            if (before.isPresent() && !before.get().equals(offered)) {
                keyChange = new KeyChange(before.get(), offered);
            }
            throw e;
        }
        unknown = before.isEmpty() ? offered : null;
    }

    /** Pins nothing here: a first contact is pinned by {@link #consent()}. */
    @Override
    public void handshakeCompleted(SignatureComponent algorithm, Bytes publicKey) {
    }

    /** The fingerprint of a first contact that the user has not answered yet. */
    Optional<Fingerprint> awaitingConsent() {
        return pinnedNow ? Optional.empty() : Optional.ofNullable(unknown);
    }

    /**
     * The user trusted the first contact: pin it now (the server has proven it holds the key). If
     * another client pinned a different key for this server while the user was asked, nothing is
     * pinned and {@link #keyChange()} reports it: the connection must be refused like any changed key.
     */
    void consent() {
        Fingerprint offered = unknown;
        if (offered == null) {
            return;
        }
        Optional<Fingerprint> now = pins.pinned(server);
        if (now.isEmpty()) {
            pins.pin(server, offered);
            pinnedNow = true;
        } else if (!now.get().equals(offered)) {
            keyChange = new KeyChange(now.get(), offered);
        }
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
