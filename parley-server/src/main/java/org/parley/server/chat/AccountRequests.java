package org.parley.server.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.auth.PasswordChangeProof;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.RegistrationValidator;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.auth.LoginThrottle;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.StoreException;

/**
 * A logged-in user's own credentials: new password verifier, login keys.
 *
 * <p><b>Security.</b> Always the session's own account; a new verifier is accepted only with a
 * proof of the current password bound to this connection (a stolen, unlocked session cannot
 * change it), and is checked against the same policy as at registration, so a weak one is never
 * stored. Audited without the verifier, proof or key.
 */
final class AccountRequests {
    /** Most login keys one account may register (a LoginKeyList must hold them all). */
    static final int MAX_LOGIN_KEYS = ChatLimits.MAX_LOGIN_KEYS;
    private final ChatContext context;
    private final LoginThrottle passwordAttempts;

    AccountRequests(ChatContext context, LoginThrottle passwordAttempts) {
        this.context = context;
        this.passwordAttempts = passwordAttempts;
    }

    /** The session's own account's SCRAM parameters, from which its client derives the current-password proof. */
    void passwordParams(ChatSession session, ChatRequest.GetPasswordParams request) throws Refusal, StoreException {
        ScramVerifier current = currentVerifier(session);
        session.deliver(new ChatEvent.PasswordParams(request.requestId(), current.mechanism(), current.salt(),
                current.iterations()));
    }

    /**
     * Replaces the verifier once the request proves the current password for this connection and
     * this new verifier (docs/PROTOCOL.md, Section 14.5). Every attempt takes a slot of the
     * per-account login throttle, so a stolen session guesses no faster than a login would.
     */
    void changePassword(ChatSession session, ChatRequest.ChangePassword request) throws Refusal, StoreException {
        if (!passwordAttempts.tryAcquire(session.canonical())) {
            context.audit().record("password_change_throttled", Map.of("user", session.user(), "remote", session.remote()));
            throw new Refusal(ErrorCode.RATE_LIMITED, "too many password attempts for this account; try again in a minute");
        }
        ScramVerifier current = currentVerifier(session);
        if (!PasswordChangeProof.verify(current, request.currentProof(), session.channelBinding(), request.newVerifier())) {
            context.audit().record("password_change_refused", Map.of("user", session.user(), "remote", session.remote()));
            throw new Refusal(ErrorCode.WRONG_PASSWORD, "the current password is not correct");
        }
        Register asRegistration = new Register(session.user(), request.newVerifier(), Optional.empty());
        if (RegistrationValidator.check(asRegistration).isPresent()) {
            throw new Refusal(ErrorCode.WEAK_VERIFIER, "the new password verifier has too few iterations or a bad salt");
        }
        context.accounts().setVerifier(session.canonical(), request.newVerifier());
        context.audit().record("password_changed", Map.of("user", session.user(), "remote", session.remote()));
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    private ScramVerifier currentVerifier(ChatSession session) throws Refusal, StoreException {
        return context.accounts().findAccount(session.canonical()).flatMap(AccountRecord::sha256).orElseThrow(
                () -> new Refusal(ErrorCode.NOT_PERMITTED, "this account has no password; an operator can set one"));
    }

    void addLoginKey(ChatSession session, ChatRequest.AddLoginKey request) throws Refusal, StoreException {
        if (!PublicKeyLoginSigner.ALLOWED_ALGORITHMS.contains(request.algorithm())) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, request.algorithm().label() + " keys are not accepted for login");
        }
        RegisteredPublicKey key = new RegisteredPublicKey(request.algorithm(), request.publicKey());
        List<RegisteredPublicKey> keys = context.accounts().loginKeys(session.canonical());
        if (keys.contains(key)) {
            // Already there, as asked (a retry whose answer was lost, a key file added twice): the
            // store's primary key would refuse a second row, which was answered internal.
            session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
            return;
        }
        if (keys.size() >= MAX_LOGIN_KEYS) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "an account may have at most " + MAX_LOGIN_KEYS + " login keys");
        }
        context.accounts().addLoginKey(session.canonical(), key);
        context.audit().record("login_key_added", Map.of("user", session.user(), "algorithm", request.algorithm().label()));
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    /** The session's own account's login keys: public keys only, so listing them reveals nothing secret. */
    void listLoginKeys(ChatSession session, ChatRequest.ListLoginKeys request) throws StoreException {
        session.deliver(new ChatEvent.LoginKeyList(request.requestId(), context.accounts().loginKeys(session.canonical())));
    }

    void removeLoginKey(ChatSession session, ChatRequest.RemoveLoginKey request) throws Refusal, StoreException {
        boolean removed = context.accounts().removeLoginKey(session.canonical(),
                new RegisteredPublicKey(request.algorithm(), request.publicKey()));
        if (!removed) {
            throw new Refusal(ErrorCode.MALFORMED_REQUEST, "no such login key on your account");
        }
        context.audit().record("login_key_removed", Map.of("user", session.user(), "algorithm", request.algorithm().label()));
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }
}
