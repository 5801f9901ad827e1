package org.parley.client.e2ee.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.client.RequestFailedException;
import org.parley.crypto.Bytes;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;

/**
 * An in-memory stand-in for the server's encrypted-room part, for unit tests of the room logic:
 * it appends a log entry only at the position it names (else log_conflict) and checks nothing
 * cryptographic, so a test can also make it hostile (insert, reorder, drop entries). Pairwise
 * envelopes are modelled by keeping each sealed inner message with its sender and recipient.
 */
final class RoomHub {
    /** A sender key sealed for one device over the (modelled) pairwise session. */
    record Sealed(DeviceRef from, Bytes fromIdentity, DeviceRef to, InnerMessage inner) {
    }

    final Map<String, List<Bytes>> logs = new HashMap<>();
    final Map<String, List<StoredMessage>> messages = new HashMap<>();
    final List<Sealed> keys = new ArrayList<>();
    /** Devices whose prekey bundle the (modelled) server serves broken: no pairwise session can start. */
    final java.util.Set<DeviceRef> brokenBundles = new java.util.HashSet<>();
    /** Devices whose keys the sending device's own rule withholds (not listed by their account, unaccepted changes). */
    final java.util.Map<DeviceRef, PairwiseSessions.WithheldReason> withheld = new java.util.HashMap<>();
    /** Devices the receiving members treat as an unverified device of a verified contact. */
    final java.util.Set<DeviceRef> unverified = new java.util.HashSet<>();
    /** Devices the modelled server shows only the first entries of each log (a server withholding the rest). */
    final Map<DeviceRef, Integer> logShownUpTo = new HashMap<>();
    /** The signing keys of each user's devices, as the modelled server lists them (for bound invitations). */
    final Map<String, List<Bytes>> listedKeys = new HashMap<>();
    private long nextId = 1;

    RoomServer serverFor(DeviceRef device) {
        return new RoomServer() {
            @Override
            public ChatEvent.JoinedRoom join(String room) throws Exception {
                if (!logs.containsKey(room)) {
                    throw new RequestFailedException(ErrorCode.NO_SUCH_ROOM, room);
                }
                return joined(room);
            }

            @Override
            public ChatEvent.JoinedRoom create(String room, RoomVisibility visibility, Bytes genesis) throws Exception {
                if (logs.containsKey(room)) {
                    throw new RequestFailedException(ErrorCode.ROOM_EXISTS, room);
                }
                logs.put(room, new ArrayList<>(List.of(genesis)));
                messages.put(room, new ArrayList<>());
                return joined(room);
            }

            @Override
            public ChatEvent.Answer append(String room, Bytes entry) throws Exception {
                List<Bytes> log = logs.get(room);
                long seq = org.parley.e2ee.group.LogEntryCodec.decode(entry).seq();
                if (seq != log.size()) {
                    throw new RequestFailedException(ErrorCode.LOG_CONFLICT, "the log has " + log.size() + " entries");
                }
                log.add(entry);
                return new ChatEvent.Accepted(0, seq);
            }

            @Override
            public List<Bytes> fetchLog(String room, long fromSeq) throws Exception {
                List<Bytes> log = logs.get(room);
                if (log == null) {
                    throw new RequestFailedException(ErrorCode.NO_SUCH_ROOM, room);
                }
                int shown = Math.min(log.size(), logShownUpTo.getOrDefault(device, log.size()));
                return fromSeq >= shown ? List.of() : List.copyOf(log.subList((int) fromSeq, shown));
            }

            @Override
            public void sendKeys(String room, List<EnvelopeTarget> envelopes) {
                // The modelled pairwise layer already kept each sealed key (see RoomMember.pairwise).
            }

            @Override
            public ChatEvent.HistoryPage history(String room, long beforeId, int limit) {
                List<StoredMessage> older = new ArrayList<>(messages.get(room).stream()
                        .filter(m -> beforeId == 0 || m.id() < beforeId).toList());
                java.util.Collections.reverse(older);
                boolean more = older.size() > limit;
                return new ChatEvent.HistoryPage(0, new org.parley.protocol.chat.Conversation.InRoom(room),
                        List.copyOf(older.subList(0, Math.min(limit, older.size()))), more);
            }

            @Override
            public long sendEnvelope(String room, Bytes envelope, org.parley.protocol.chat.SendId sendId) {
                long id = nextId++;
                messages.get(room).add(new StoredMessage(id, 0, device.user(), ContentType.OPAQUE, envelope));
                return id;
            }
        };
    }

    private ChatEvent.JoinedRoom joined(String room) {
        return new ChatEvent.JoinedRoom(0, new RoomInfo(room, "", RoomVisibility.PRIVATE, true, 0, 0),
                List.<MemberInfo>of());
    }
}
