package org.parley.protocol.auth;

import java.util.List;
import java.util.Objects;

/**
 * What the server side of a login tells its caller to do: look a user up, send a reply, or end
 * the exchange with success or failure. Returned by {@link ScramServer} and
 * {@link PublicKeyLoginVerifier}; failures are values, never exceptions.
 */
public sealed interface ServerAuthStep {

    /**
     * Fetch the SCRAM verifier stored for {@code username} and {@code mechanism} (possibly none)
     * and pass it to {@link ScramServer#userLookedUp}. The name is already normalised.
     */
    record LookUpUser(String username, ScramMechanism mechanism) implements ServerAuthStep {
    }

    /** Send {@code message} and wait for the client's next message. */
    record Reply(AuthMessage message) implements ServerAuthStep {
        public Reply {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The client proved it is {@code username}: send {@code replies} in order (for SCRAM the
     * server-final message, then {@link AuthSucceeded}) and bind the session to that name.
     */
    record Succeeded(String username, AuthMethod method, List<AuthMessage> replies) implements ServerAuthStep {
        public Succeeded {
            replies = List.copyOf(replies);
        }
    }

    /**
     * The login failed: send {@code reply} (the peer sees only its code) and log {@code detail}.
     * Terminal for this exchange.
     */
    record Failed(AuthFailed reply, Detail detail) implements ServerAuthStep {
        public Failed {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a login failed, for the server's log only; the client sees only the failure code. */
    enum Detail {
        UNKNOWN_USER,
        WRONG_PASSWORD,
        CHANNEL_BINDING_MISMATCH,
        NONCE_MISMATCH,
        GS2_FLAG_REJECTED,
        MALFORMED,
        UNEXPECTED_MESSAGE,
        UNSUPPORTED_ALGORITHM,
        KEY_NOT_REGISTERED,
        BAD_SIGNATURE
    }
}
