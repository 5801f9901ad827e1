package org.parley.lab.insecure;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.parley.client.ParleySession;
import org.parley.client.UnacceptedChangesException;
import org.parley.e2ee.group.Membership;
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

    /**
     * Sends {@code text} in the encrypted {@code room}. The real client withholds its key from the
     * devices of a verified member whose devices changed until the user accepts (docs/E2EE.md 20.7,
     * {@code KEY_WITHHELD_UNACCEPTED}); this one first fetches the device list of every other member
     * and invitee as the server gives it now and accepts whatever changed, without asking, then
     * sends. Returns the users it did that for (accepting where nothing changed does nothing).
     */
    public List<String> sendRoom(String room, String text) throws Exception {
        Membership membership = LabTarget.await(session.roomMembership(room));
        Set<String> others = new TreeSet<>(membership.roles().keySet());
        others.addAll(membership.invited());
        others.remove(session.displayName());
        for (String user : others) {
            LabTarget.await(session.safetyNumber(user));
            LabTarget.await(session.acceptChanges(user));
        }
        LabTarget.await(session.sendRoom(room, text));
        return List.copyOf(others);
    }
}
