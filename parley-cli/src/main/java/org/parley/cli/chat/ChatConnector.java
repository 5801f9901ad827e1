package org.parley.cli.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.parley.client.Backoff;
import org.parley.client.ClientOptions;
import org.parley.client.ConnectionFailedException;
import org.parley.client.FirstContactQuestion;
import org.parley.client.KnownServer;
import org.parley.client.KnownServersFile;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.RequestFailedException;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.ServerNotTrustedException;
import org.parley.client.SessionSettings;
import org.parley.client.WeakPasswordException;
import org.parley.client.e2ee.E2eSettings;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Opens a chat session ({@link ParleySession}): connects with the chosen preset, settles first
 * contact with an unknown server (SSH style) inside the handshake, and logs in or registers. A
 * failure to open is reported to the view as an {@code error} followed by {@code disconnected}.
 *
 * <p>Callbacks run on the client's event thread ({@code Runnable::run}), so the view sees
 * {@code connected}, {@code authenticated} and the pushed events in the order they happened.
 *
 * <p><b>Security.</b> A changed server key is a hard failure with the client library's explanation,
 * never a question. First contact is accepted only with {@code --trust-on-first-use} or after the
 * user confirms the fingerprint, which the server has proven it holds; the handshake waits for the
 * answer on the same connection (a late answer is honoured by one new connection). The password
 * is asked only after that, and used for the first login only: reconnects use the session key.
 */
final class ChatConnector {
    /** Password hashing on the client (PBKDF2) can take a while on slow machines. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(2);
    /** How long a user may take to read a fingerprint at the first-contact prompt. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);

    private final ChatSettings settings;
    private final ChatView view;
    private final Optional<BiPredicate<SignatureComponent, Fingerprint>> askUser;
    private final Supplier<Optional<LoginMethod>> prompt;
    private final Optional<Backoff> reconnect;
    private final KnownServersFile pins;
    private volatile boolean connected;

    /**
     * @param askUser asks whether to trust an unknown server's fingerprint (it may block: it runs
     *     on its own thread); empty when no one can answer
     * @param prompt asks for the password when the login method is {@link LoginMethod.Prompt}
     * @param reconnect the back-off of automatic reconnection; empty to end with the first connection
     */
    ChatConnector(ChatSettings settings, ChatView view, Optional<BiPredicate<SignatureComponent, Fingerprint>> askUser,
            Supplier<Optional<LoginMethod>> prompt, Optional<Backoff> reconnect) {
        this.settings = settings;
        this.view = view;
        this.askUser = askUser;
        this.prompt = prompt;
        this.reconnect = reconnect;
        this.pins = new KnownServersFile(settings.knownServers());
    }

    /** The logged-in session, or empty after the failure was reported. */
    Optional<ParleySession> open(ViewListener listener) throws InterruptedException {
        ClientOptions plain = ClientOptions.defaults(settings.server().host(), settings.server().port(), pins, fp -> false)
                .withPreset(settings.preset());
        ClientOptions options = settings.keyLog().map(plain::withInsecureKeyLog).orElse(plain);
        // The end-to-end device lives next to the pinned keys: ~/.parley/e2ee/<server>/<user>/ by default.
        Path base = settings.knownServers().toAbsolutePath().getParent();
        SessionSettings session = new SessionSettings(options, question(), Runnable::run, reconnect)
                .withE2e(E2eSettings.in(base));
        CompletableFuture<ParleySession> started = ParleySession.start(session, listener, settings.user(), this::logIn);
        try {
            return Optional.of(started.get(options.connectTimeout().plus(LOGIN_TIMEOUT).plus(ANSWER_TIMEOUT).toMillis(),
                    TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            report(e.getCause());
            return Optional.empty();
        } catch (TimeoutException e) {
            started.thenAccept(ParleySession::close);
            fail("TIMEOUT", "no session with " + options.serverName() + " in time", "connection failed");
            return Optional.empty();
        }
    }

    private FirstContactQuestion question() {
        if (settings.trustOnFirstUse()) {
            return FirstContactQuestion.answeredBy(fingerprint -> true);
        }
        return askUser.<FirstContactQuestion>map(ask -> (server, algorithm, offered) -> CompletableFuture.supplyAsync(
                        () -> ask.test(algorithm, offered), command -> Thread.ofVirtual().name("parley-ask").start(command)))
                .orElse(FirstContactQuestion.answeredBy(fingerprint -> false));
    }

    /** Reports the connection, asks for the password if needed (off the client's threads) and logs in. */
    private CompletableFuture<String> logIn(ParleyClient client) {
        connected = true;
        view.connected(client.session(), client.firstContact());
        CompletableFuture<Optional<LoginMethod>> method = settings.login() instanceof LoginMethod.Prompt
                ? CompletableFuture.supplyAsync(prompt, command -> Thread.ofVirtual().name("parley-password").start(command))
                : CompletableFuture.completedFuture(Optional.of(settings.login()));
        return method.thenCompose(chosen -> {
            if (chosen.isEmpty()) {
                return CompletableFuture.failedFuture(new LoginCancelledException());
            }
            CompletableFuture<String> result = logIn(client, chosen.get());
            if (chosen.get() instanceof LoginMethod.Password p) {
                // The client library wiped its copy; this one was the caller's.
                result.whenComplete((name, failure) -> p.wipe());
            }
            // Completes on the client's event thread, so "authenticated" precedes the events after the login.
            return result.thenApply(name -> {
                view.loggedIn(name, settings.register());
                return name;
            });
        }).orTimeout(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<String> logIn(ParleyClient client, LoginMethod method) {
        return switch (method) {
            case LoginMethod.Password p -> settings.register()
                    ? client.register(settings.user(), p.password().clone(), settings.invite())
                    : client.login(settings.user(), p.password().clone());
            case LoginMethod.Key k -> client.loginWithKey(settings.user(), k.key());
            case LoginMethod.Prompt p -> CompletableFuture.failedFuture(new IllegalStateException("password prompt not resolved"));
        };
    }

    /**
     * Shows the end of a session that was open: a typed cause (a reconnect refused for good) as the
     * same failure at login would be shown, the changed-key warning in the user's language for
     * instance, then {@code disconnected}; otherwise {@code disconnected} with the reason.
     */
    void ended(SessionEnd end) {
        end.cause().ifPresentOrElse(this::report, () -> view.disconnected(end.reason()));
    }

    private void report(Throwable cause) {
        String login = settings.register() ? "registration failed" : "login failed";
        switch (cause) {
            case ServerKeyChangedException changed -> {
                view.serverKeyChanged(changed, pins.file(), pins.find(changed.server()).map(KnownServer::line));
                view.disconnected("server key changed");
            }
            case ServerNotTrustedException untrusted -> fail("UNKNOWN_SERVER", "first contact with " + untrusted.server()
                    + ", key " + untrusted.offered() + " not trusted: confirm it interactively or pass --trust-on-first-use",
                    "server not trusted");
            case LoginFailedException failed -> fail(failed.rejection().map(Enum::name)
                    .or(() -> failed.code().map(Enum::name)).orElse("LOGIN_FAILED"), String.valueOf(failed.getMessage()), login);
            case RequestFailedException failed -> fail(failed.code().name(), String.valueOf(failed.getMessage()), login);
            case WeakPasswordException weak -> fail("PASSWORD_" + weak.reason().name(), weak.getMessage(), login);
            case LoginCancelledException cancelled -> fail("LOGIN_FAILED", "no password entered", "login cancelled");
            case TimeoutException timeout -> fail("TIMEOUT", "no login answer within " + LOGIN_TIMEOUT.toMinutes() + " min", login);
            case ConnectionFailedException failed -> fail("CONNECTION_FAILED", String.valueOf(failed.getMessage()),
                    connected ? login : "connection failed");
            default -> fail("LOGIN_FAILED", String.valueOf(cause.getMessage()), login);
        }
    }

    private void fail(String code, String message, String reason) {
        view.error(code, message);
        view.disconnected(reason);
    }

    /** The user gave no password at the prompt. */
    private static final class LoginCancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoginCancelledException() {
            super("no password entered");
        }
    }
}
