package org.parley.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.identity.Fingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "trust?" pause of a first contact: once the handshake completed with a server that has no
 * pin, the client's Finished is held back ({@link ChannelBridge#hold()}) while the user is asked;
 * yes pins the proven key and sends it, no discards it and closes the connection. No thread waits.
 */
final class FirstContactPause {
    private static final Logger LOG = LoggerFactory.getLogger(FirstContactPause.class);

    private final PinningVerifier verifier;
    private final ChannelBridge bridge;
    private final FirstContactQuestion question;
    private final Executor events;

    /** @param events the client's event thread, where the question is asked */
    FirstContactPause(PinningVerifier verifier, ChannelBridge bridge, FirstContactQuestion question, Executor events) {
        this.verifier = verifier;
        this.bridge = bridge;
        this.question = question;
        this.events = events;
    }

    /** True if the completed handshake met an unknown server, so {@link #ask} must settle it. */
    boolean needed() {
        return verifier.awaitingConsent().isPresent();
    }

    /**
     * Holds back our Finished and asks; after a yes, on the event loop, pins and runs {@code resume}
     * (a pin that cannot be written, or a different key pinned meanwhile, fails the connection with
     * our Finished never sent). Event loop only.
     */
    void ask(SessionInfo session, Runnable resume) {
        Fingerprint offered = verifier.awaitingConsent().orElseThrow();
        bridge.hold();
        events.execute(() -> answer(session, offered).whenComplete((trusted, failure) -> bridge.release(
                failure == null && Boolean.TRUE.equals(trusted),
                () -> pinThen(resume),
                new ServerNotTrustedException(verifier.server(), offered))));
    }

    private CompletableFuture<Boolean> answer(SessionInfo session, Fingerprint offered) {
        try {
            return question.trust(verifier.server(), session.serverKeyAlgorithm(), offered);
        } catch (RuntimeException e) {
            LOG.warn("first-contact question failed", e);
            return CompletableFuture.completedFuture(false);
        }
    }

    private void pinThen(Runnable resume) {
        try {
            verifier.consent();
        } catch (KnownServersFileException e) {
            bridge.fail(new ConnectionFailedException(e.getMessage(), e));
            return;
        }
        var changed = verifier.keyChange();
        if (changed.isPresent()) {
            // Another client pinned a different key meanwhile: a changed key, refused, never trusted.
            bridge.fail(new ServerKeyChangedException(verifier.server(), changed.get().pinned(), changed.get().offered(), null));
            return;
        }
        resume.run();
    }
}
