package org.parley.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.RegistrationRejection;
import org.parley.protocol.auth.RegistrationValidator;
import org.parley.protocol.chat.Role;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.StoreException;

/**
 * Creates an account from a {@link Register} request: policy, name rules, verifier policy, invite,
 * uniqueness; then joins the new account to the lobby. Runs on the auth pool.
 *
 * <p><b>Security.</b> The verifier is checked against the OWASP-based minimum before it is
 * stored. Invites are consumed atomically by the store and only after every other check passed.
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
            if (service.accounts().findAccount(canonical).isPresent()) {
                return rejected(RegistrationRejection.USERNAME_TAKEN);
            }
            if (service.policy() == org.parley.server.RegistrationPolicy.INVITE && !service.accounts()
                    .consumeInvite(request.inviteCode().orElseThrow(), canonical, System.currentTimeMillis())) {
                return rejected(RegistrationRejection.INVITE_INVALID);
            }
            service.accounts().createAccount(account);
            service.rooms().putMember(AuthService.LOBBY, canonical, Role.MEMBER);
        } catch (StoreException.Conflict e) {
            return rejected(RegistrationRejection.USERNAME_TAKEN);
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

    private AuthOutcome rejected(RegistrationRejection reason) {
        service.audit("register_rejected", Map.of("remote", address, "reason", reason.name()));
        return new AuthOutcome.Failed(List.of(RegistrationValidator.rejection(reason)), "registration rejected: " + reason);
    }
}
