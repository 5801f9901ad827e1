package org.parley.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.chat.ChatEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A close that found no live connection (the session was reconnecting, or had not gone live yet)
 * still removes the session key from the account, as a clean close promises (docs/SECURITY.md):
 * over a connection of its own that logs in with the key, removes it and closes, reporting nothing
 * to the session's listener. Bounded by a wait; if the server cannot be reached by then, the public
 * key stays registered (the server does not expire login keys), useless to anyone since its private
 * half ends with this process.
 */
final class KeyFarewell {
    private static final Logger LOG = LoggerFactory.getLogger(ParleySession.class);

    private KeyFarewell() {
    }

    /** Removes {@code key} (null: nothing to remove) from {@code user}'s account; completes within {@code wait}, never exceptionally. */
    static CompletableFuture<Void> remove(ClientOptions options, String user, SessionKey key, Duration wait) {
        if (key == null) {
            return CompletableFuture.completedFuture(null);
        }
        ClientListener silent = new ClientListener() {
            @Override
            public void onEvent(ChatEvent.Push event) {
            }

            @Override
            public void onDisconnected(String reason) {
            }
        };
        // A server that is not pinned (any more) is not asked about: the session has ended.
        CompletableFuture<Void> removed = ParleyClient.connect(options, silent, FirstContactQuestion.answeredBy(fp -> false))
                .thenCompose(client -> key.logIn(client, user)
                        .thenCompose(name -> key.unregister(client))
                        .whenComplete((done, failure) -> client.close()));
        return removed.handle((done, failure) -> {
            if (failure != null) {
                LOG.info("session key not removed at close: {}", Failures.cause(failure).getMessage());
            }
            return (Void) null;
        }).completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
