package org.parley.client.e2ee.room;

import java.util.List;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.LogEntryCodec;
import org.parley.e2ee.group.RoomException;

/** Turns newly verified membership-log entries into the notices the UIs show. */
final class RoomNotices {
    private final Consumer<RoomEvent> events;

    RoomNotices(Consumer<RoomEvent> events) {
        this.events = events;
    }

    void emit(RoomEvent event) {
        events.accept(event);
    }

    void notice(String room, RoomNoticeKind kind, String user, long device, String detail) {
        events.accept(new RoomEvent.Notice(room, kind, user, device, detail));
    }

    /** One notice per entry of {@code entries} (already verified: they decode). */
    void entries(String room, List<Bytes> entries) {
        for (Bytes encoded : entries) {
            LogEntry entry;
            try {
                entry = LogEntryCodec.decode(encoded);
            } catch (RoomException e) {
                continue;
            }
            String actor = entry.actor().user();
            long device = entry.actor().deviceId();
            events.accept(switch (entry.body()) {
                case LogBody.Create create -> new RoomEvent.Notice(room, RoomNoticeKind.CREATED, actor, device, "");
                case LogBody.Invite invite -> new RoomEvent.Notice(room, RoomNoticeKind.INVITED, invite.target(), 0,
                        "by " + actor);
                case LogBody.Join join -> new RoomEvent.Notice(room, RoomNoticeKind.JOINED, actor, device, "");
                case LogBody.Leave leave -> new RoomEvent.Notice(room, RoomNoticeKind.LEFT, actor, 0, "");
                case LogBody.Kick kick -> new RoomEvent.Notice(room, RoomNoticeKind.KICKED, kick.target(), 0, "by " + actor);
                case LogBody.Ban ban -> new RoomEvent.Notice(room, RoomNoticeKind.BANNED, ban.target(), 0, "by " + actor);
                case LogBody.RoleChange role -> new RoomEvent.Notice(room, RoomNoticeKind.ROLE_CHANGED, role.target(), 0,
                        role.role().name().toLowerCase(java.util.Locale.ROOT));
                case LogBody.DeviceAdded added -> new RoomEvent.Notice(room, RoomNoticeKind.DEVICE_ADDED, actor,
                        added.deviceId(), "");
                case LogBody.DeviceRemoved removed -> new RoomEvent.Notice(room, RoomNoticeKind.DEVICE_REMOVED, actor,
                        removed.deviceId(), "");
            });
        }
    }
}
