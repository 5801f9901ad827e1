package org.parley.client;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.auth.PasswordChangeProof;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.ScramClient;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.auth.Usernames;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;

/**
 * A {@link ParleyClient}'s credentials at work: the connection's one login (SCRAM-SHA-256 or a
 * signed channel binding) or registration, and a change of password.
 *
 * <p><b>Security.</b> Every password array is normalised into a {@link SecretBytes} and wiped
 * before the call returns; the secret is destroyed on every path once the slow work (PBKDF2, on the
 * client's work thread) is done or cannot run. The server sees no password: registration sends a
 * verifier, a password change a proof bound to this connection and to the new verifier.
 */
final class Authenticator {
    private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_256;

    private final ClientSession connection;
    private final RequestSender requests;
    private final SecureRandom random = new SecureRandom();

    Authenticator(ClientSession connection, RequestSender requests) {
        this.connection = connection;
        this.requests = requests;
    }

    /** See {@link ParleyClient#login}. */
    CompletableFuture<String> login(String user, char[] password) {
        SecretBytes secret;
        try {
            secret = normalise(password);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connection.authenticate(result -> {
            try (secret) {
                ScramClient scram = ScramClient.start(MECHANISM, user, secret, channelBinding(), random);
                AuthMessage first = scram.firstMessage();
                return new LoginExchange.LoginStart(LoginAttempt.scram(result, scram, connection::sendAuth, connection::close), first);
            }
        }, secret);
    }

    /** See {@link ParleyClient#loginWithKey}. */
    CompletableFuture<String> loginWithKey(String user, SigningKey key) {
        return connection.authenticate(result -> new LoginExchange.LoginStart(
                LoginAttempt.oneShot(result, AuthMethod.PUBLIC_KEY, connection::sendAuth, connection::close),
                PublicKeyLoginSigner.sign(user, key, channelBinding(), random)), null);
    }

    /** See {@link ParleyClient#register}. */
    CompletableFuture<String> register(String user, char[] password, Optional<String> inviteCode) {
        SecretBytes secret;
        try {
            PasswordPolicy.standard().require(password, user);
            secret = normalise(password);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connection.authenticate(result -> {
            try (secret) {
                ScramVerifier verifier = ScramVerifier.create(MECHANISM, secret, random);
                Register register = new Register(Usernames.normalise(user), verifier, inviteCode);
                return new LoginExchange.LoginStart(
                        LoginAttempt.oneShot(result, AuthMethod.REGISTRATION, connection::sendAuth, connection::close), register);
            }
        }, secret);
    }

    /** See {@link ParleyClient#changePassword}. */
    CompletableFuture<Void> changePassword(char[] currentPassword, char[] newPassword) {
        SecretBytes current;
        SecretBytes next;
        try {
            PasswordPolicy.standard().require(newPassword, null);
            next = normalise(newPassword);
        } catch (IllegalArgumentException e) {
            Arrays.fill(currentPassword, '\0');
            Arrays.fill(newPassword, '\0');
            return CompletableFuture.failedFuture(e);
        }
        try {
            current = normalise(currentPassword);
        } catch (IllegalArgumentException e) {
            next.destroy();
            return CompletableFuture.failedFuture(e);
        }
        return requests.request(ChatRequest.GetPasswordParams::new, ChatEvent.PasswordParams.class)
                .thenCompose(params -> connection.onWorkThread(() -> prove(params, current, next), current))
                .thenCompose(change -> requests.accepted(id -> new ChatRequest.ChangePassword(id, change.proof(), change.verifier())))
                .whenComplete((done, failure) -> {
                    current.destroy();
                    next.destroy();
                });
    }

    /** The new verifier and the proof of the current password for it; slow (two PBKDF2 runs). */
    private PasswordChange prove(ChatEvent.PasswordParams params, SecretBytes current, SecretBytes next) {
        try (current; next) {
            ScramVerifier verifier = ScramVerifier.create(MECHANISM, next, random);
            Bytes proof = PasswordChangeProof.create(params.mechanism(), current, params.salt(), params.iterations(),
                    channelBinding(), verifier);
            return new PasswordChange(proof, verifier);
        }
    }

    private record PasswordChange(Bytes proof, ScramVerifier verifier) {
    }

    /** This connection's channel binding, as {@link ParleyClient#session()} gives it. */
    private Bytes channelBinding() {
        return connection.session().orElseThrow(() -> new IllegalStateException("not connected yet")).channelBinding();
    }

    private static SecretBytes normalise(char[] password) {
        try {
            return Passwords.normalise(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
