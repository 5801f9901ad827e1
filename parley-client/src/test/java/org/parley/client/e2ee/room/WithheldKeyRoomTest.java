package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.EndToEndException;
import org.parley.client.e2ee.room.PairwiseSessions.WithheldReason;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.RoomVisibility;

/**
 * A member device whose key the sending device withholds (its account does not list it with the
 * log's key, or its user is verified with unaccepted changes): the others read, it gets nothing,
 * the room shows it once however many messages follow, and the first send after the rule passes
 * gives it the chain.
 */
class WithheldKeyRoomTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;
    private RoomMember carol;
    private RoomMember dave;

    @BeforeEach
    void roomOfFour() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        carol = new RoomMember(hub, base, "carol", 1, random);
        dave = new RoomMember(hub, base, "dave", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        for (RoomMember member : List.of(bob, carol, dave)) {
            alice.logs.change(alice.server, ROOM, new LogBody.Invite(member.self.user()));
            member.logs.join(member.server, ROOM, null);
        }
        alice.logs.refresh(alice.server, alice.rooms.find(ROOM, alice.self).orElseThrow());
    }

    @Test
    void aWithheldDeviceReadsNothingIsShownOnceAndGetsTheChainAtTheFirstSendAfterTheRulePasses() throws Exception {
        hub.withheld.put(carol.self, WithheldReason.UNACCEPTED_CHANGES);

        alice.send(ROOM, "first while withheld");
        alice.send(ROOM, "second while withheld");
        bob.receive(ROOM);
        carol.receive(ROOM);

        assertThat(bob.texts()).containsExactly("first while withheld", "second while withheld");
        assertThat(carol.texts()).isEmpty();
        assertThat(hub.keys).noneMatch(sealed -> sealed.to().equals(carol.self));
        assertThat(alice.events).filteredOn(RoomEvent.Notice.class::isInstance)
                .filteredOn(e -> ((RoomEvent.Notice) e).kind() == RoomNoticeKind.KEY_WITHHELD_UNACCEPTED)
                .containsExactly(new RoomEvent.Notice(ROOM, RoomNoticeKind.KEY_WITHHELD_UNACCEPTED, "carol", 1,
                        "unaccepted_changes"));
        assertThat(alice.notices()).doesNotContain(RoomNoticeKind.KEY_NOT_DELIVERED);

        hub.withheld.remove(carol.self);
        alice.send(ROOM, "after the change was accepted");
        bob.receive(ROOM);
        carol.receive(ROOM);

        assertThat(carol.texts()).containsExactly("after the change was accepted");

        hub.withheld.put(carol.self, WithheldReason.NOT_LISTED);
        alice.logs.change(alice.server, ROOM, new LogBody.Kick("dave"));
        alice.send(ROOM, "after a rekey, carol no longer listed");
        bob.receive(ROOM);
        carol.receive(ROOM);

        assertThat(bob.texts()).contains("after a rekey, carol no longer listed");
        assertThat(carol.texts()).containsExactly("after the change was accepted");
        assertThat(alice.notices()).as("a new reason, or the same after a delivery, is shown again")
                .contains(RoomNoticeKind.KEY_WITHHELD_NOT_LISTED);
    }

    @Test
    void aSendWhoseEveryOtherMemberDeviceIsWithheldFailsAndSendsNothing() throws Exception {
        hub.withheld.put(bob.self, WithheldReason.NOT_LISTED);
        hub.withheld.put(carol.self, WithheldReason.UNACCEPTED_CHANGES);
        hub.withheld.put(dave.self, WithheldReason.UNACCEPTED_CHANGES);

        assertThatThrownBy(() -> alice.send(ROOM, "to nobody")).isInstanceOf(EndToEndException.class);

        assertThat(hub.messages.get(ROOM)).isEmpty();
        assertThat(hub.keys).isEmpty();
    }
}
