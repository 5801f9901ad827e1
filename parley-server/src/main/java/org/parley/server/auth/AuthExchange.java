package org.parley.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.PublicKeyLogin;
import org.parley.protocol.auth.PublicKeyLoginVerifier;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.ScramClientFinal;
import org.parley.protocol.auth.ScramClientFirst;
import org.parley.protocol.auth.ScramServer;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.auth.ServerAuthStep;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.StoreException;

/**
 * The server side of one connection's authentication phase: SCRAM login, public-key login or
 * registration. Each message is handled on {@link AuthService}'s pool; the caller sends the
 * outcome's replies from its event loop and must not pass the next message before the previous
 * future completed.
 *
 * <p><b>Security.</b> One attempt per connection: any failure ends the exchange (the caller
 * closes). Disabled accounts look exactly like unknown ones (same code, same fake salt path).
 * Unknown names are looked up by their canonical form, and the SCRAM fake salt is derived from
 * it, so "name" and "NAME" answer alike whether or not the account exists. A key login does the
 * same work for every name (signature first, then one indexed look-up of the offered key).
 * Throttled attempts get the same {@link AuthFailureCode#INVALID_CREDENTIALS} reply. Every attempt
 * counts against its address; password attempts also count against their account, key logins do
 * not (they cannot be guessed, so the account bound would only serve to lock the owner out).
 */
public final class AuthExchange {
    private final AuthService service;
    private final String address;
    private final ScramServer scram;
    private final Bytes channelBinding;
    private Optional<AccountRecord> scramAccount = Optional.empty();
    private boolean started;

    AuthExchange(AuthService service, String address, ScramServer scram, Bytes channelBinding) {
        this.service = service;
        this.address = address;
        this.scram = scram;
        this.channelBinding = channelBinding;
    }

    /** Handles the client's next authentication message. */
    public CompletableFuture<AuthOutcome> receive(AuthMessage message) {
        return switch (message) {
            case ScramClientFirst first when !started -> start(() -> scramFirst(first));
            case ScramClientFinal last when started -> service.run(() -> scramFinal(last));
            case PublicKeyLogin login when !started -> start(() -> publicKey(login));
            case Register register when !started -> start(() -> new Registration(service, address).register(register));
            default -> CompletableFuture.completedFuture(refused(AuthFailureCode.UNEXPECTED_MESSAGE,
                    scramAccount.map(AccountRecord::name).orElse("?"), "UNEXPECTED_MESSAGE", "unexpected message"));
        };
    }

    private CompletableFuture<AuthOutcome> start(java.util.function.Supplier<AuthOutcome> work) {
        started = true;
        if (!service.allowAddressAttempt(address)) {
            service.audit("login_throttled", Map.of("remote", address, "scope", "address"));
            return CompletableFuture.completedFuture(failed(AuthFailureCode.INVALID_CREDENTIALS, "too many attempts from address"));
        }
        return service.run(work);
    }

    private AuthOutcome scramFirst(ScramClientFirst first) {
        ServerAuthStep step = scram.receive(first);
        if (!(step instanceof ServerAuthStep.LookUpUser lookUp)) {
            return outcome(step, "?");
        }
        String canonical = NameRules.canonical(lookUp.username());
        if (!service.allowAccountAttempt(canonical)) {
            service.audit("login_throttled", Map.of("remote", address, "scope", "account", "user", lookUp.username()));
            return failed(AuthFailureCode.INVALID_CREDENTIALS, "too many attempts for account");
        }
        try {
            scramAccount = service.accounts().findAccountForLogin(canonical).filter(a -> !a.disabled());
        } catch (StoreException e) {
            return refused(AuthFailureCode.INVALID_CREDENTIALS, lookUp.username(), "STORE_UNAVAILABLE", "store unavailable");
        }
        Optional<ScramVerifier> verifier = scramAccount.flatMap(AccountRecord::sha256);
        return outcome(scram.userLookedUp(verifier), lookUp.username());
    }

    private AuthOutcome scramFinal(ScramClientFinal last) {
        return outcome(scram.receive(last), scramAccount.map(AccountRecord::name).orElse("?"));
    }

    private AuthOutcome publicKey(PublicKeyLogin login) {
        // No per-account bound here: a signature over this connection's channel binding cannot be
        // guessed, and the bound would let anyone who spends an account's password attempts lock
        // its owner's key out too. The per-address bound in start() still applies.
        // An algorithm never allowed for login keys is refused before anything else, so the answer
        // (unsupported_method) and its timing are the same for every user name.
        Optional<ServerAuthStep.Failed> unsupported = PublicKeyLoginVerifier.refuseAlgorithm(login);
        if (unsupported.isPresent()) {
            return outcome(unsupported.get(), login.username());
        }
        // The same work for every name (PROTOCOL.md 13.5): the signature is verified against the
        // offered key, then one indexed look-up asks whether that key belongs to the enabled
        // account of that canonical name, and returns that account (a decoy row is decoded when
        // it does not), so a key login reads the store once.
        String canonical = NameRules.canonical(login.username());
        ServerAuthStep step;
        try {
            step = service.keyVerifier().verify(login, channelBinding, key -> {
                scramAccount = service.accounts().findAccountByLoginKey(canonical, key);
                return scramAccount.isPresent();
            });
        } catch (StoreException e) {
            scramAccount = Optional.empty();
            return refused(AuthFailureCode.INVALID_CREDENTIALS, login.username(), "STORE_UNAVAILABLE", "store unavailable");
        }
        if (!(step instanceof ServerAuthStep.Succeeded)) {
            scramAccount = Optional.empty();
        }
        return outcome(step, login.username());
    }

    private AuthOutcome outcome(ServerAuthStep step, String user) {
        return switch (step) {
            case ServerAuthStep.Reply reply -> new AuthOutcome.Continue(List.of(reply.message()));
            // Audited as login_ok only once the session has started (SessionHandler): the connection
            // may be gone, or closing, by the time this outcome reaches its event loop.
            case ServerAuthStep.Succeeded ok when scramAccount.isPresent() ->
                    new AuthOutcome.LoggedIn(withRegisteredName(ok.replies(), scramAccount.get().name()),
                            scramAccount.get(), ok.method().name());
            case ServerAuthStep.Succeeded ok -> refused(AuthFailureCode.INVALID_CREDENTIALS, user, "ACCOUNT_VANISHED",
                    "account vanished");
            case ServerAuthStep.Failed failure -> {
                service.audit("login_failed", Map.of("remote", address, "user", user, "detail", failure.detail().name()));
                yield new AuthOutcome.Failed(List.of(failure.reply()), failure.detail().name());
            }
            case ServerAuthStep.LookUpUser lookUp -> refused(AuthFailureCode.UNEXPECTED_MESSAGE, user, "UNEXPECTED_MESSAGE",
                    "unexpected lookup");
        };
    }

    /**
     * The replies with {@link AuthSucceeded} naming the account as registered ("Alice"), not as
     * typed for this login ("ALICE"): the session's identity is the account (PROTOCOL.md 13.7).
     */
    private static List<AuthMessage> withRegisteredName(List<AuthMessage> replies, String registered) {
        return replies.stream()
                .map(m -> m instanceof AuthSucceeded success ? new AuthSucceeded(registered, success.method()) : m)
                .toList();
    }

    /** A refusal that is no credential check's answer (the store, a message out of turn), audited like one. */
    private AuthOutcome refused(AuthFailureCode code, String user, String detail, String why) {
        service.audit("login_failed", Map.of("remote", address, "user", user, "detail", detail));
        return failed(code, why);
    }

    static AuthOutcome failed(AuthFailureCode code, String why) {
        return new AuthOutcome.Failed(List.of(AuthFailed.of(code)), why);
    }

    static AuthOutcome busy() {
        return failed(AuthFailureCode.INVALID_CREDENTIALS, "authentication queue full");
    }
}
