package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.RoomVisibility;

/**
 * Room messages from a device of a verified contact that the verification did not cover are
 * shown after one notice per room and device; a covered device's messages get none.
 */
class UnverifiedSenderRoomTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    @Test
    void theFirstMessageFromAnUnverifiedDeviceIsPrecededByOneNoticeAndACoveredDevicesByNone() throws Exception {
        SecureRandom random = new SecureRandom();
        RoomHub hub = new RoomHub();
        RoomMember alice = new RoomMember(hub, base, "alice", 1, random);
        RoomMember bob = new RoomMember(hub, base, "bob", 1, random);
        RoomMember carol = new RoomMember(hub, base, "carol", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        for (RoomMember member : java.util.List.of(bob, carol)) {
            alice.logs.change(alice.server, ROOM, new LogBody.Invite(member.self.user()));
            member.logs.join(member.server, ROOM, null);
        }
        alice.logs.refresh(alice.server, alice.rooms.find(ROOM, alice.self).orElseThrow());
        hub.unverified.add(bob.self);

        bob.send(ROOM, "first from bob");
        bob.send(ROOM, "second from bob");
        carol.send(ROOM, "from carol");
        alice.receive(ROOM);

        assertThat(alice.texts()).containsExactly("first from bob", "second from bob", "from carol");
        assertThat(alice.events).filteredOn(e -> e instanceof RoomEvent.Notice n
                && n.kind() == RoomNoticeKind.FROM_UNVERIFIED_DEVICE)
                .containsExactly(new RoomEvent.Notice(ROOM, RoomNoticeKind.FROM_UNVERIFIED_DEVICE, "bob", 1, ""));
        int notice = alice.events.indexOf(new RoomEvent.Notice(ROOM, RoomNoticeKind.FROM_UNVERIFIED_DEVICE, "bob", 1, ""));
        assertThat(alice.events.get(notice + 1)).isInstanceOfSatisfying(RoomEvent.Message.class,
                m -> assertThat(m.message().text()).isEqualTo("first from bob"));
    }
}
