package org.parley.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.RegistrationRejection;
import org.parley.protocol.auth.RegistrationValidator;
import org.parley.server.RegistrationPolicy;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.StoreException;

/**
 * Creates an account from a {@link Register} request: policy, name rules, verifier policy, then
 * invite, then uniqueness (canonical name and look-alike key); the account is made a member of the
 * lobby in the same store transaction that creates it (and uses the invite), so a failure keeps
 * neither. Runs on the auth pool.
 *
 * <p><b>Security.</b> The verifier is checked against the OWASP-based minimum before it is
 * stored. On an invite-only server the invite is checked before the name, in the same store
 * transaction that creates the account and uses the invite: a caller without a valid invite gets
 * {@code invite_invalid} for every name and cannot test which names exist; an invite is used only
 * by an account that was created. A name that looks like an existing one (same confusable key) is
 * answered {@code username_taken} like a taken one.
 */
final class Registration {
    private final AuthService service;
    private final String address;

    Registration(AuthService service, String address) {
        this.service = service;
        this.address = address;
    }

    AuthOutcome register(Register request) {
        Optional<RegistrationRejection> rejection = check(request);
        if (rejection.isPresent()) {
            service.audit("register_rejected", Map.of("remote", address, "reason", rejection.get().name()));
            return new AuthOutcome.Failed(List.of(RegistrationValidator.rejection(rejection.get())),
                    "registration rejected: " + rejection.get());
        }
        String name = request.username();
        String canonical = NameRules.canonical(name);
        AccountRecord account = new AccountRecord(name, canonical, Optional.of(request.verifier()), false,
                System.currentTimeMillis());
        try {
            if (service.policy() == RegistrationPolicy.INVITE) {
                // The invite is checked before the name (in the store's one transaction), so
                // without a valid invite every name gets the same invite_invalid answer.
                if (!service.accounts().createAccountWithInvite(account, request.inviteCode().orElseThrow(),
                        System.currentTimeMillis(), AuthService.LOBBY)) {
                    return rejected(RegistrationRejection.INVITE_INVALID, "invite");
                }
            } else {
                // The account and its Lobby membership in one transaction: never an account without it.
                service.accounts().createAccount(account, AuthService.LOBBY);
            }
        } catch (StoreException.Confusable e) {
            return rejected(RegistrationRejection.USERNAME_TAKEN, "looks like an existing name");
        } catch (StoreException.Conflict e) {
            return rejected(RegistrationRejection.USERNAME_TAKEN, "taken");
        } catch (StoreException e) {
            service.audit("register_failed", Map.of("remote", address, "error", "store"));
            return AuthExchange.failed(org.parley.protocol.auth.AuthFailureCode.INVALID_CREDENTIALS, "store unavailable");
        }
        service.audit("registered", Map.of("remote", address, "user", name));
        return new AuthOutcome.LoggedIn(List.of(new AuthSucceeded(name, AuthMethod.REGISTRATION)), account,
                AuthMethod.REGISTRATION.name());
    }

    private Optional<RegistrationRejection> check(Register request) {
        switch (service.policy()) {
            case CLOSED -> {
                return Optional.of(RegistrationRejection.REGISTRATION_CLOSED);
            }
            case INVITE -> {
                if (request.inviteCode().isEmpty()) {
                    return Optional.of(RegistrationRejection.INVITE_REQUIRED);
                }
            }
            case OPEN -> {
                // Anyone may register.
            }
        }
        try {
            String display = NameRules.displayForm(request.username(), NameKind.USER);
            if (!display.equals(request.username())) {
                return Optional.of(RegistrationRejection.USERNAME_INVALID);
            }
        } catch (InvalidNameException e) {
            return Optional.of(RegistrationRejection.USERNAME_INVALID);
        }
        return RegistrationValidator.check(request);
    }

    private AuthOutcome rejected(RegistrationRejection reason, String detail) {
        service.audit("register_rejected", Map.of("remote", address, "reason", reason.name(), "detail", detail));
        return new AuthOutcome.Failed(List.of(RegistrationValidator.rejection(reason)), "registration rejected: " + reason);
    }
}
