package org.parley.lab.insecure;

import java.util.concurrent.ExecutionException;
import org.parley.client.ParleySession;
import org.parley.client.UnacceptedChangesException;
import org.parley.lab.LabTarget;

/**
 * An end-to-end client that trusts whatever the server lists: when a verified contact's devices or
 * identity key change, it accepts the change at once, without asking the user or comparing a safety
 * number, and sends again. It is the real client library with the one question a user must answer
 * answered "yes" by code, which is all it takes for a malicious server to read along.
 *
 * <p><b>Insecure on purpose</b>: Parley stops sending to a verified contact whose devices changed
 * until the user accepts (docs/E2EE.md 13; {@code Directory} in parley-client). Lab only.
 */
public final class InsecureTofuClient {
    private final ParleySession session;

    public InsecureTofuClient(ParleySession session) {
        this.session = session;
    }

    /**
     * Sends {@code text}; a block for unaccepted changes is lifted silently and the send repeated.
     * Returns whether it accepted changes on the user's behalf.
     */
    public boolean send(String peer, String text) throws Exception {
        try {
            LabTarget.await(session.sendPrivate(peer, text));
            return false;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnacceptedChangesException)) {
                throw e;
            }
            LabTarget.await(session.acceptChanges(peer));
            LabTarget.await(session.sendPrivate(peer, text));
            return true;
        }
    }
}
