package org.parley.server.testing;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.e2ee.group.Visibility;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.RoomVisibility;

/**
 * A test's copy of one encrypted room's membership log: signs real entries with the members'
 * device keys (parley-e2ee's {@link VerifiedLog}) and appends them through the server.
 */
public final class RoomLogBook {
    private final String room;
    private final List<Bytes> entries = new ArrayList<>();
    private Instant at = Instant.parse("2026-12-05T00:00:00Z");

    public RoomLogBook(String room) {
        this.room = room;
    }

    /** A genesis entry for this room signed by {@code keys} as {@code actor} (not yet created). */
    public Bytes genesis(DeviceKeys keys, DeviceRef actor, Visibility visibility) {
        return VerifiedLog.create(keys, actor, tick(), room, room, visibility).encoded();
    }

    /** Creates the room on the server as {@code creator}; returns the answer. */
    public ChatEvent.JoinedRoom create(RoomMember creator, Visibility visibility) throws IOException {
        Bytes genesis = genesis(creator.keys(), creator.ref(), visibility);
        RoomVisibility wire = visibility == Visibility.PUBLIC ? RoomVisibility.PUBLIC : RoomVisibility.PRIVATE;
        ChatEvent.JoinedRoom joined = creator.ask(id -> new ChatRequest.CreateEncryptedRoom(id, room, wire, genesis),
                ChatEvent.JoinedRoom.class);
        entries.add(genesis);
        return joined;
    }

    /** The next entry, signed by {@code keys} as {@code actor}, on the log as this book knows it. */
    public Bytes sign(DeviceKeys keys, DeviceRef actor, LogBody body) throws RoomException {
        return VerifiedLog.verify(entries).next(keys, actor, tick(), body).encoded();
    }

    public Bytes sign(RoomMember actor, LogBody body) throws RoomException {
        return sign(actor.keys(), actor.ref(), body);
    }

    /** Signs and appends an entry as {@code actor}, expecting {@code answer}; the book records it. */
    public <T extends ChatEvent> T append(RoomMember actor, LogBody body, Class<T> answer)
            throws IOException, RoomException {
        Bytes entry = sign(actor, body);
        T reply = actor.ask(id -> new ChatRequest.AppendRoomLog(id, room, entry), answer);
        entries.add(entry);
        return reply;
    }

    /** Records an entry the server accepted by other means. */
    public void accepted(Bytes entry) {
        entries.add(entry);
    }

    public List<Bytes> entries() {
        return List.copyOf(entries);
    }

    public String room() {
        return room;
    }

    private Instant tick() {
        at = at.plusSeconds(1);
        return at;
    }
}
