package org.parley.server.auth;

import java.util.List;
import org.parley.protocol.auth.AuthMessage;
import org.parley.server.store.AccountRecord;

/** What one step of authentication produced: send replies and wait, succeed, or fail and close. */
public sealed interface AuthOutcome {

    List<AuthMessage> replies();

    /** Send the replies and wait for the client's next message. */
    record Continue(List<AuthMessage> replies) implements AuthOutcome {
    }

    /**
     * Send the replies (ending with AuthSucceeded); the connection is now {@code account}. Not yet
     * audited as a login: the caller writes {@code login_ok} once the session has started, or
     * {@code login_abandoned} if it cannot start (docs/OPERATIONS.md, audit log).
     */
    record LoggedIn(List<AuthMessage> replies, AccountRecord account, String method) implements AuthOutcome {
    }

    /** Send the replies (an AuthFailed), then close the channel. {@code why} is for the log only. */
    record Failed(List<AuthMessage> replies, String why) implements AuthOutcome {
    }
}
