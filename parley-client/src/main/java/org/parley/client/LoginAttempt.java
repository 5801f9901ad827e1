package org.parley.client;

import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.ScramClient;
import org.parley.protocol.auth.ScramClientStep;

/**
 * One login or registration in progress: fed the server's authentication messages, in order, on
 * the client's work thread (SCRAM's PBKDF2 runs there, never on the I/O thread), it answers
 * through {@code send} and completes {@code result} with the account's display name.
 *
 * <p><b>Security.</b> For SCRAM the {@link ScramClient} verifies the server's signature before
 * accepting success; if the server fails that proof the client closes the connection itself. The
 * password is wiped by the ScramClient as soon as the proof exists, and by {@link #fail}.
 */
final class LoginAttempt {
    private final CompletableFuture<String> result;
    private final Optional<ScramClient> scram;
    private final AuthMethod expected;
    private final Consumer<AuthMessage> send;
    private final Runnable closeConnection;

    private LoginAttempt(CompletableFuture<String> result, Optional<ScramClient> scram, AuthMethod expected,
                         Consumer<AuthMessage> send, Runnable closeConnection) {
        this.result = result;
        this.scram = scram;
        this.expected = expected;
        this.send = send;
        this.closeConnection = closeConnection;
    }

    static LoginAttempt scram(CompletableFuture<String> result, ScramClient scram, Consumer<AuthMessage> send,
                              Runnable closeConnection) {
        return new LoginAttempt(result, Optional.of(scram), null, send, closeConnection);
    }

    /** A single-message exchange (public-key login or registration) that ends in {@code expected} success. */
    static LoginAttempt oneShot(CompletableFuture<String> result, AuthMethod expected, Consumer<AuthMessage> send,
                                Runnable closeConnection) {
        return new LoginAttempt(result, Optional.empty(), expected, send, closeConnection);
    }

    CompletableFuture<String> result() {
        return result;
    }

    /** Advances the exchange with a message from the server. */
    void onMessage(AuthMessage message) {
        if (scram.isPresent()) {
            onScramStep(scram.get().receive(message));
            return;
        }
        switch (message) {
            case AuthSucceeded success when success.method() == expected -> result.complete(success.username());
            case AuthFailed failed -> result.completeExceptionally(refused(failed));
            default -> refuseServer("the server answered with an unexpected " + message.type());
        }
    }

    /** Ends the attempt with {@code cause} (the connection ended first) and wipes the password. */
    void fail(ClientException cause) {
        scram.ifPresent(ScramClient::close);
        result.completeExceptionally(cause);
    }

    private void onScramStep(ScramClientStep step) {
        switch (step) {
            case ScramClientStep.Send next -> send.accept(next.message());
            case ScramClientStep.ServerVerified verified -> {
                // The server proved it holds our verifier; AuthSucceeded comes next.
            }
            case ScramClientStep.Authenticated done -> result.complete(done.username());
            case ScramClientStep.Failed failed when failed.serverMessage().isPresent() ->
                    result.completeExceptionally(refused(failed.serverMessage().get()));
            case ScramClientStep.Failed failed -> refuseServer("the server failed the SCRAM exchange: " + failed.reason());
        }
    }

    private void refuseServer(String why) {
        scram.ifPresent(ScramClient::close);
        result.completeExceptionally(new LoginFailedException(why, Optional.empty(), Optional.empty()));
        closeConnection.run();
    }

    private static LoginFailedException refused(AuthFailed failed) {
        String text = switch (failed.code()) {
            case INVALID_CREDENTIALS -> "login refused: wrong user name, password or key (the server does not say which)";
            case CHANNEL_BINDING_REQUIRED -> "login refused: the server requires channel binding";
            case UNSUPPORTED_METHOD -> "login refused: the server does not accept this login method; a login key must be one of "
                    + EnumSet.copyOf(PublicKeyLoginSigner.ALLOWED_ALGORITHMS);
            case MALFORMED_MESSAGE -> "login refused: the server could not parse the login";
            case UNEXPECTED_MESSAGE -> "login refused: message out of order";
            case REGISTRATION_REJECTED -> "registration refused: " + failed.registrationRejection()
                    .map(reason -> reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).orElse("no reason");
        };
        Optional<AuthFailureCode> code = Optional.of(failed.code());
        return new LoginFailedException(text, code, failed.registrationRejection());
    }
}
