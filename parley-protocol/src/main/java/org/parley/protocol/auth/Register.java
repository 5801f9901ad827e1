package org.parley.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create an account: the user name, the SCRAM verifier the client computed from the
 * password (the server never sees the password) and an optional invite code.
 *
 * <p>The codec bounds the verifier's fields; {@link RegistrationValidator} checks them against
 * the mechanism's policy. Invite codes are 1..{@value #MAX_INVITE_LENGTH} UTF-8 bytes.
 */
public record Register(String username, ScramVerifier verifier, Optional<String> inviteCode) implements AuthMessage {
    /** Longest invite code in UTF-8 bytes. */
    public static final int MAX_INVITE_LENGTH = 64;

    public Register {
        Usernames.requireValid(username);
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(inviteCode, "inviteCode");
        inviteCode.ifPresent(Register::requireValidInvite);
    }

    private static void requireValidInvite(String code) {
        int length = code.getBytes(StandardCharsets.UTF_8).length;
        boolean printable = code.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.SURROGATE);
        if (length == 0 || length > MAX_INVITE_LENGTH || !printable) {
            throw new IllegalArgumentException("invite code must be 1.." + MAX_INVITE_LENGTH + " printable UTF-8 bytes");
        }
    }

    /** Never shows the invite code: it admits whoever holds it. */
    @Override
    public String toString() {
        return "Register[" + username + ", " + verifier + (inviteCode.isPresent() ? ", with invite code]" : "]");
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.REGISTER;
    }
}
