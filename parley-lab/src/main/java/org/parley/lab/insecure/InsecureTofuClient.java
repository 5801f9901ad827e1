package org.parley.lab.insecure;

import java.util.concurrent.ExecutionException;
import org.parley.client.ParleySession;
import org.parley.client.UnacceptedChangesException;
import org.parley.client.e2ee.E2eMessage;
import org.parley.lab.Actor;
import org.parley.lab.LabTarget;
import org.parley.lab.Trace;

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
    private final Trace trace;

    public InsecureTofuClient(ParleySession session, Trace trace) {
        this.session = session;
        this.trace = trace;
    }

    /** Sends {@code text}; a block for unaccepted changes is lifted silently and the send repeated. */
    public E2eMessage send(String peer, String text) throws Exception {
        try {
            return LabTarget.await(session.sendPrivate(peer, text));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnacceptedChangesException)) {
                throw e;
            }
            trace.add(Actor.CLIENT, "client.e2e.auto-accept", peer);
            LabTarget.await(session.acceptChanges(peer));
            return LabTarget.await(session.sendPrivate(peer, text));
        }
    }
}
