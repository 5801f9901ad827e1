package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RoomError;
import org.parley.protocol.chat.RoomVisibility;

/**
 * A server that withholds membership-log entries from one member: a sender key made on the longer
 * log is refused as {@code LOG_BEHIND} even after that member fetched the log again, and the
 * refusal is shown (SECURITY.md, "Withhold and delay"); the others read on.
 */
class WithheldLogRoomTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    @Test
    void aMemberShownAShorterLogShowsLogBehindAfterFetchingAgainAndTheOthersRead() throws Exception {
        SecureRandom random = new SecureRandom();
        RoomHub hub = new RoomHub();
        RoomMember alice = new RoomMember(hub, base, "alice", 1, random);
        RoomMember bob = new RoomMember(hub, base, "bob", 1, random);
        RoomMember carol = new RoomMember(hub, base, "carol", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        for (RoomMember member : List.of(bob, carol)) {
            alice.logs.change(alice.server, ROOM, new LogBody.Invite(member.self.user()));
            member.logs.join(member.server, ROOM, null);
        }
        bob.logs.refresh(bob.server, bob.rooms.find(ROOM, bob.self).orElseThrow());
        carol.logs.refresh(carol.server, carol.rooms.find(ROOM, carol.self).orElseThrow());
        hub.logShownUpTo.put(carol.self, hub.logs.get(ROOM).size());

        alice.logs.change(alice.server, ROOM, new LogBody.Invite("dave"));
        alice.send(ROOM, "after the invitation carol is not shown");
        bob.receive(ROOM);
        carol.receive(ROOM);

        assertThat(bob.texts()).containsExactly("after the invitation carol is not shown");
        assertThat(carol.texts()).isEmpty();
        assertThat(carol.problems()).contains(RoomError.LOG_BEHIND);
    }
}
