package org.parley.lab.insecure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.parley.client.ParleySession;
import org.parley.client.UnacceptedChangesException;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.Membership;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.lab.LabTarget;
import org.parley.protocol.chat.ChatEvent;

/**
 * An end-to-end client that trusts whatever the server lists: when a verified contact's devices or
 * identity key change, it accepts the change at once, without asking the user or comparing a safety
 * number, and sends again. It is the real client library with the one question a user must answer
 * answered "yes" by code, which is all it takes for a malicious server to read along.
 *
 * It is also an <em>older</em> client in encrypted rooms: it invites with the old, unbound kind of
 * invitation ({@code invite(2)}, naming a user and no key), which any device of the invitee's
 * account may use to join.
 *
 * <p><b>Insecure on purpose</b>: Parley stops sending to a verified contact whose devices changed
 * until the user accepts (docs/E2EE.md 13; {@code Directory} in parley-client), and signs only
 * invitations bound to the keys of the devices it accepts for the invitee ({@code invite_devices(10)},
 * E2EE.md 19.2, 19.4, 20.7). Lab only.
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

    /**
     * Invites {@code user} into the encrypted {@code room} with an invitation of the old kind, naming
     * no device key (E2EE.md 19.2: {@code invite(2)}, still valid in logs), as clients did before
     * bound invitations: signed with {@code deviceKeys}, the keys of this session's own device (read
     * from its device directory: the same program, an older version), on the room's log as the
     * server serves it, checked against the log's rules, then appended with {@code AppendRoomLog}.
     */
    public void inviteUnbound(String room, String user, DeviceKeys deviceKeys) throws Exception {
        List<Bytes> entries = new ArrayList<>();
        ChatEvent.RoomLogPage page;
        do {
            page = LabTarget.await(session.client().fetchRoomLog(room, entries.size()));
            entries.addAll(page.entries());
        } while (page.more() && !page.entries().isEmpty());
        VerifiedLog log = VerifiedLog.verify(entries);
        DeviceRef self = new DeviceRef(session.displayName(), session.deviceId());
        if (!log.membership().admits(self, deviceKeys.identity().encoded())) {
            throw new IllegalStateException("the log of " + room + " does not admit " + self + " with these keys");
        }
        LogEntry entry = log.next(deviceKeys, self, Instant.now(), new LogBody.Invite(user));
        log.append(List.of(entry.encoded()));
        LabTarget.await(session.client().appendRoomLog(room, entry.encoded()));
    }
}
