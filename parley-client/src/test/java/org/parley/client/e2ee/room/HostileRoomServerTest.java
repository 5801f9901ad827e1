package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.LogStatus;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.protocol.chat.RoomVisibility;

/**
 * A server that edits the membership log (a ghost member, a ghost device, reordered entries):
 * every client refuses the log, shows the problem, and hands its sender keys to no ghost.
 */
class HostileRoomServerTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private final DeviceKeys ghostKeys = DeviceKeys.generate(random);
    private RoomMember alice;
    private RoomMember bob;

    @BeforeEach
    void roomOfTwo() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        bob.logs.join(bob.server, ROOM, null);
        refreshBoth();
        alice.send(ROOM, "before");
        bob.receive(ROOM);
    }

    @Test
    void aGhostMemberInsertedByTheServerIsRefusedAndGetsNoKeys() throws Exception {
        DeviceRef ghost = new DeviceRef("mallory", 7);
        insert(VerifiedLog.verify(hub.logs.get(ROOM)).next(ghostKeys, ghost, RoomMember.CLOCK.instant(),
                new LogBody.Join(ghostKeys.identity().encoded())).encoded());

        assertRefusedAndNoKeysTo(ghost, RoomError.LOG_FORBIDDEN);
    }

    @Test
    void aGhostDeviceOfAMemberInsertedByTheServerIsRefusedAndGetsNoKeys() throws Exception {
        // The server cannot sign as bob's device; it signs with a device of its own claiming to be bob's.
        DeviceRef ghost = new DeviceRef("bob", 99);
        insert(VerifiedLog.verify(hub.logs.get(ROOM)).next(ghostKeys, ghost, RoomMember.CLOCK.instant(),
                new LogBody.DeviceAdded(99, ghostKeys.identity().encoded())).encoded());

        assertRefusedAndNoKeysTo(ghost, RoomError.LOG_FORBIDDEN);
    }

    @Test
    void aReorderedLogIsRefusedAsAForkAndTheVerifiedOneStaysInForce() throws Exception {
        List<Bytes> log = hub.logs.get(ROOM);
        Collections.swap(log, 1, 2);

        refreshBoth();
        alice.send(ROOM, "still readable");
        bob.receive(ROOM);

        assertThat(alice.problems()).contains(RoomError.LOG_FORKED);
        assertThat(bob.problems()).contains(RoomError.LOG_FORKED);
        assertThat(alice.rooms.find(ROOM, alice.self).orElseThrow().log.size()).isEqualTo(3);
        assertThat(alice.rooms.find(ROOM, alice.self).orElseThrow().session.view(RoomMember.CLOCK.instant()).log())
                .isInstanceOf(LogStatus.Problem.class);
        assertThat(bob.texts()).containsExactly("before", "still readable");
    }

    private void insert(Bytes forged) throws Exception {
        hub.logs.get(ROOM).add(forged);
    }

    private void assertRefusedAndNoKeysTo(DeviceRef ghost, RoomError expected) throws Exception {
        refreshBoth();
        hub.keys.clear();
        alice.send(ROOM, "after the forgery");
        bob.send(ROOM, "bob after the forgery");
        bob.receive(ROOM);

        assertThat(alice.problems()).contains(expected);
        assertThat(bob.problems()).contains(expected);
        assertThat(hub.keys).noneMatch(sealed -> sealed.to().equals(ghost));
        assertThat(alice.rooms.find(ROOM, alice.self).orElseThrow().log.membership().admits(ghost)).isFalse();
        assertThat(bob.texts()).containsExactly("before", "after the forgery");
    }

    private void refreshBoth() throws Exception {
        alice.logs.refresh(alice.server, alice.rooms.find(ROOM, alice.self).orElseThrow());
        bob.logs.refresh(bob.server, bob.rooms.find(ROOM, bob.self).orElseThrow());
    }
}
