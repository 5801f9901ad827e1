package org.parley.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Asks the user whether to trust a server met for the first time. The handshake waits for the
 * answer without blocking any thread: the client has verified the server's signature and Finished
 * but holds back its own Finished until the future completes; {@code true} pins the key and sends
 * it, anything else closes the connection and pins nothing.
 *
 * <p>The question is asked on the client's event thread (or a session's callback executor); an
 * implementation shows a dialog or a prompt and completes the future later, from any thread. The
 * server's handshake deadline still runs meanwhile: an answer given after it closed the connection
 * is remembered by {@link ParleySession}, whose next attempt trusts that same fingerprint.
 *
 * <p><b>Security.</b> Only a first contact is asked about; a changed key is refused before any
 * question ({@link ServerKeyChangedException}). The fingerprint asked about belongs to a key the
 * server has just proven it holds.
 */
@FunctionalInterface
public interface FirstContactQuestion {

    /**
     * @param server the name the key will be pinned under, {@code host:port}
     * @param algorithm the signature algorithm of the server's key, to show with the fingerprint
     * @param offered the server's key fingerprint
     * @return completes with true to trust and pin the key
     */
    CompletableFuture<Boolean> trust(String server, SignatureComponent algorithm, Fingerprint offered);

    /** A question answered at once by {@code decision} (e.g. {@code --trust-on-first-use}, or tests). */
    static FirstContactQuestion answeredBy(Predicate<Fingerprint> decision) {
        return (server, algorithm, offered) -> CompletableFuture.completedFuture(decision.test(offered));
    }
}
