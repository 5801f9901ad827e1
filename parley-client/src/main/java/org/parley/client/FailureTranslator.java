package org.parley.client;

import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.PeerAlertException;

/**
 * Turns a failure of the secure channel into the client's typed exception: a changed server key
 * into {@link ServerKeyChangedException}, everything else into {@link ConnectionFailedException}
 * with a message a user can act on.
 */
final class FailureTranslator {
    private final PinningVerifier verifier;

    FailureTranslator(PinningVerifier verifier) {
        this.verifier = verifier;
    }

    ClientException translate(Exception failure) {
        var change = verifier.keyChange();
        if (change.isPresent()) {
            return new ServerKeyChangedException(verifier.server(), change.get().pinned(), change.get().offered(), failure);
        }
        return switch (failure) {
            case KnownServersFileException e -> new ConnectionFailedException(e.getMessage(), e);
            case PeerAlertException e -> new ConnectionFailedException("the server ended the connection with alert "
                    + e.alert(), e);
            case ParleyException e when e.alert() == Alert.UNTRUSTED_SERVER_KEY -> new ConnectionFailedException(
                    "the key of " + verifier.server() + " was not trusted on first contact, so it was not pinned", e);
            case ParleyException e -> new ConnectionFailedException("protocol error (" + e.alert() + "): " + e.getMessage(), e);
            default -> new ConnectionFailedException("connection failed: " + failure.getMessage(), failure);
        };
    }
}
