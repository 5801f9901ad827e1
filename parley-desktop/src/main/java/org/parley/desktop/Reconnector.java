package org.parley.desktop;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import org.parley.client.ClientListener;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.client.ServerKeyChangedException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Reconnects the main window automatically after a lost connection, with doubling back-off
 * (1 s up to 30 s), using a session login key instead of the password.
 *
 * <p>Right after login a fresh Ed25519 key is generated in memory and its public half registered
 * on the account ({@code AddLoginKey}); reconnects log in with {@code PublicKeyLogin} signing the
 * new connection's channel binding. A clean exit removes the key from the account again.
 *
 * <p><b>Security.</b> The password is never kept for reconnecting. The session key's private half
 * exists only in this process's memory; if the app dies without removing it, the registered public
 * key is useless to anyone else. Reconnects go through the same pinned-key check: a changed server
 * key or a refused login stops reconnecting for good. Delays use FX timers; nothing blocks.
 */
final class Reconnector {
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final DesktopSession session;
    private final ClientListener listener;
    private final Consumer<ParleyClient> onReconnected;
    private final Consumer<Throwable> onGaveUp;
    private final javafx.beans.property.BooleanProperty ready = new javafx.beans.property.SimpleBooleanProperty();
    private SigningKey key;
    private Duration delay = FIRST_DELAY;
    private boolean stopped;
    private boolean pending;

    Reconnector(DesktopSession session, ClientListener listener, Consumer<ParleyClient> onReconnected, Consumer<Throwable> onGaveUp) {
        this.session = session;
        this.listener = listener;
        this.onReconnected = onReconnected;
        this.onGaveUp = onGaveUp;
    }

    /** Registers the session login key on {@code client}; until it is registered, no automatic reconnect is possible. */
    CompletableFuture<Void> enable(ParleyClient client) {
        SigningKey fresh = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());
        return client.addLoginKey(SignatureComponent.ED25519, fresh.publicKey())
                .thenRun(() -> Platform.runLater(() -> {
                    key = fresh;
                    ready.set(true);
                }));
    }

    /** True once a lost connection will be re-established automatically. */
    javafx.beans.property.ReadOnlyBooleanProperty ready() {
        return ready;
    }

    /** Schedules the next attempt after the connection was lost. FX thread. */
    void connectionLost() {
        if (stopped || pending || key == null) {
            return;
        }
        pending = true;
        PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        wait.setOnFinished(e -> attempt());
        wait.play();
        delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    }

    /** Stops reconnecting and removes the session key from the account over {@code client}, then closes it. */
    CompletableFuture<Void> stop(ParleyClient client) {
        stopped = true;
        CompletableFuture<Void> removed = key != null && client.isConnected()
                ? client.removeLoginKey(SignatureComponent.ED25519, key.publicKey()).exceptionally(failure -> null)
                : CompletableFuture.completedFuture(null);
        return removed.thenRunAsync(client::close);
    }

    private void attempt() {
        if (stopped) {
            pending = false;
            return;
        }
        SigningKey login = key;
        ParleyClient.connect(session.client().options(), listener)
                .thenCompose(client -> client.loginWithKey(session.user(), login).thenApply(name -> client))
                .whenComplete((client, failure) -> Platform.runLater(() -> {
                    pending = false;
                    if (failure == null) {
                        delay = FIRST_DELAY;
                        onReconnected.accept(client);
                    } else if (Failures.unwrap(failure) instanceof ServerKeyChangedException
                            || Failures.unwrap(failure) instanceof LoginFailedException) {
                        stopped = true;
                        ready.set(false);
                        onGaveUp.accept(Failures.unwrap(failure));
                    } else {
                        connectionLost();
                    }
                }));
    }
}
