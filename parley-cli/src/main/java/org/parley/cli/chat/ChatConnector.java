package org.parley.cli.chat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.ConnectionFailedException;
import org.parley.client.KnownServersFile;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.client.ServerKeyChangedException;
import org.parley.protocol.identity.Fingerprint;

/**
 * Opens a chat session: connects with the chosen preset, settles first contact with an unknown
 * server (SSH style), and logs in or registers. Failures are reported to the view as an
 * {@code error} followed by {@code disconnected}.
 *
 * <p><b>Security.</b> A changed server key is a hard failure with the client library's explanation,
 * never a question. First contact is accepted only with {@code --trust-on-first-use} or after the
 * user confirms the fingerprint; the question is asked after the probing connection ended, so a slow
 * answer cannot trip the server's handshake deadline.
 */
final class ChatConnector {
    /** Password hashing on the client (PBKDF2) can take a while on slow machines. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(2);

    private final ChatSettings settings;
    private final ChatView view;
    private final Optional<Predicate<Fingerprint>> askUser;
    private final Supplier<Optional<LoginMethod>> prompt;

    /**
     * @param askUser asks whether to trust an unknown server's fingerprint; empty when no one can answer
     * @param prompt asks for the password when the login method is {@link LoginMethod.Prompt}
     */
    ChatConnector(ChatSettings settings, ChatView view, Optional<Predicate<Fingerprint>> askUser,
            Supplier<Optional<LoginMethod>> prompt) {
        this.settings = settings;
        this.view = view;
        this.askUser = askUser;
        this.prompt = prompt;
    }

    /** The logged-in client, or empty after the failure was reported. */
    Optional<ParleyClient> open(ViewListener listener) throws InterruptedException {
        KnownServersFile pins = new KnownServersFile(settings.knownServers());
        AtomicReference<Fingerprint> unknown = new AtomicReference<>();
        Predicate<Fingerprint> decision = settings.trustOnFirstUse() ? fingerprint -> true : fingerprint -> {
            unknown.set(fingerprint);
            return false;
        };
        ClientOptions options = ClientOptions.defaults(settings.server().host(), settings.server().port(), pins, decision)
                .withPreset(settings.preset());
        Optional<ParleyClient> client = connect(options, listener, unknown);
        if (client.isEmpty() && unknown.get() != null) {
            Fingerprint offered = unknown.get();
            if (askUser.isEmpty() || !askUser.get().test(offered)) {
                fail("UNKNOWN_SERVER", "first contact with " + options.serverName() + ", key " + offered
                        + " not trusted: confirm it interactively or pass --trust-on-first-use", "server not trusted");
                return Optional.empty();
            }
            listener.discardHeld();
            pins.pin(options.serverName(), offered);
            client = connect(options, listener, new AtomicReference<>());
            client.ifPresent(c -> view.connected(c.session(), true));
        } else {
            client.ifPresent(c -> view.connected(c.session(), c.firstContact()));
        }
        if (client.isEmpty()) {
            return client;
        }
        Optional<ParleyClient> loggedIn = login(client.get());
        // Disconnection is reported from now on; a failed login already reported error, then disconnected.
        listener.open();
        return loggedIn;
    }

    /** Connects; a failure is reported unless it was a declined first contact ({@code unknown} set). */
    private Optional<ParleyClient> connect(ClientOptions options, ClientListener listener, AtomicReference<Fingerprint> unknown)
            throws InterruptedException {
        try {
            return Optional.of(ParleyClient.connect(options, listener)
                    .get(options.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServerKeyChangedException changed) {
                fail("SERVER_KEY_CHANGED", changed.getMessage(), "server key changed");
            } else if (unknown.get() == null) {
                fail("CONNECTION_FAILED", String.valueOf(e.getCause().getMessage()), "connection failed");
            }
            return Optional.empty();
        } catch (TimeoutException e) {
            fail("CONNECTION_FAILED", "no connection to " + options.serverName() + " within the connect timeout", "connection failed");
            return Optional.empty();
        }
    }

    private Optional<ParleyClient> login(ParleyClient client) throws InterruptedException {
        Optional<LoginMethod> method = settings.login() instanceof LoginMethod.Prompt ? prompt.get() : Optional.of(settings.login());
        if (method.isEmpty()) {
            fail("LOGIN_FAILED", "no password entered", "login cancelled");
            closeIfOpen(client);
            return Optional.empty();
        }
        try {
            return login(client, method.get());
        } finally {
            if (method.get() instanceof LoginMethod.Password p) {
                p.wipe();
            }
        }
    }

    private Optional<ParleyClient> login(ParleyClient client, LoginMethod method) throws InterruptedException {
        CompletableFuture<String> result = switch (method) {
            case LoginMethod.Password p -> settings.register()
                    ? client.register(settings.user(), p.password(), settings.invite())
                    : client.login(settings.user(), p.password());
            case LoginMethod.Key k -> client.loginWithKey(settings.user(), k.key());
            case LoginMethod.Prompt p -> CompletableFuture.failedFuture(new IllegalStateException("password prompt not resolved"));
        };
        try {
            // Reported on the client's event thread, so it precedes the events that follow the login.
            result.thenApply(name -> {
                view.loggedIn(name, settings.register());
                return name;
            }).get(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(client);
        } catch (ExecutionException e) {
            String code = switch (e.getCause()) {
                case LoginFailedException failed -> failed.rejection().map(Enum::name)
                        .or(() -> failed.code().map(Enum::name)).orElse("LOGIN_FAILED");
                case RequestFailedException failed -> failed.code().name();
                case ConnectionFailedException failed -> "CONNECTION_FAILED";
                default -> "LOGIN_FAILED";
            };
            fail(code, String.valueOf(e.getCause().getMessage()), settings.register() ? "registration failed" : "login failed");
            closeIfOpen(client);
            return Optional.empty();
        } catch (TimeoutException e) {
            fail("TIMEOUT", "no login answer within " + LOGIN_TIMEOUT.toMinutes() + " min", "login failed");
            closeIfOpen(client);
            return Optional.empty();
        }
    }

    /**
     * Closes a client unless the server already closed the connection: nothing is left to close
     * then (older client versions failed with RejectedExecutionException in that case).
     */
    static void closeIfOpen(ParleyClient client) {
        if (client.isConnected()) {
            client.close();
        }
    }

    private void fail(String code, String message, String reason) {
        view.error(code, message);
        view.disconnected(reason);
    }
}
