package org.parley.protocol.auth;

import java.util.Objects;
import java.util.Optional;

/** What {@link ScramClient} tells its caller to do after each server message. */
public sealed interface ScramClientStep {

    /** Send {@code message} to the server. */
    record Send(AuthMessage message) implements ScramClientStep {
        public Send {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The server proved it knows the verifier; wait for {@link AuthSucceeded}. */
    record ServerVerified() implements ScramClientStep {
    }

    /**
     * Logged in: the server confirmed the account after proving itself. {@code username} is the
     * account's name as registered, from the server's {@link AuthSucceeded}: the same account as
     * the name typed (same {@link Usernames#canonical} form), possibly spelled differently.
     */
    record Authenticated(String username, AuthMethod method) implements ScramClientStep {
    }

    /**
     * The exchange is over without a login. {@code serverMessage} is present when the server
     * sent {@link AuthFailed}. Terminal: later input fails with {@link Reason#UNEXPECTED_MESSAGE}.
     */
    record Failed(Reason reason, Optional<AuthFailed> serverMessage) implements ScramClientStep {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(serverMessage, "serverMessage");
        }
    }

    /** Why the client gave up. */
    enum Reason {
        /** The server sent {@link AuthFailed}. */
        REJECTED_BY_SERVER,
        /** A server message broke RFC 5802's grammar or Parley's profile. */
        MALFORMED_SERVER_MESSAGE,
        /** The server's nonce does not extend the client's. */
        NONCE_MISMATCH,
        /** The server asked for fewer iterations than the mechanism's minimum (a weak stored verifier). */
        ITERATIONS_TOO_LOW,
        /** ServerSignature did not verify: the server does not hold this user's verifier. */
        SERVER_SIGNATURE_INVALID,
        /** AuthSucceeded named another user or method. */
        IDENTITY_MISMATCH,
        /** A message out of order, or anything after the exchange ended. */
        UNEXPECTED_MESSAGE
    }
}
