package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.EndToEndException;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.RoomVisibility;

/**
 * One member device whose prekey bundle is refused (a broken signed ML-KEM key, or none served):
 * the others' sending goes on, that device is left out of the sender keys (it cannot read) and is
 * tried again at the next send; only a send that no other member could read fails.
 */
class RefusedBundleRoomTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;
    private RoomMember carol;

    @BeforeEach
    void roomOfThree() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        carol = new RoomMember(hub, base, "carol", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        bob.logs.join(bob.server, ROOM, null);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("carol"));
        carol.logs.join(carol.server, ROOM, null);
        for (RoomMember member : java.util.List.of(alice, bob, carol)) {
            member.logs.refresh(member.server, member.rooms.find(ROOM, member.self).orElseThrow());
        }
    }

    @Test
    void aMemberDeviceWithARefusedBundleIsSkippedTheOthersReadAndItIsTriedAgainAtTheNextSend() throws Exception {
        hub.brokenBundles.add(carol.self);

        alice.send(ROOM, "while carol's bundle is broken");
        bob.receive(ROOM);
        carol.receive(ROOM);

        assertThat(bob.texts()).containsExactly("while carol's bundle is broken");
        assertThat(carol.texts()).isEmpty();
        assertThat(hub.keys).noneMatch(sealed -> sealed.to().equals(carol.self));
        assertThat(alice.events).filteredOn(RoomEvent.Notice.class::isInstance)
                .filteredOn(e -> ((RoomEvent.Notice) e).kind() == RoomNoticeKind.KEY_NOT_DELIVERED)
                .singleElement().isEqualTo(new RoomEvent.Notice(ROOM, RoomNoticeKind.KEY_NOT_DELIVERED, "carol", 1,
                        "invalid_key"));

        hub.brokenBundles.clear();
        alice.send(ROOM, "after carol's bundle is fixed");
        bob.receive(ROOM);
        carol.receive(ROOM);

        assertThat(bob.texts()).containsExactly("while carol's bundle is broken", "after carol's bundle is fixed");
        assertThat(carol.texts()).as("the skipped device got the chain at the next send, from then on")
                .containsExactly("after carol's bundle is fixed");
        assertThat(alice.notices()).filteredOn(kind -> kind == RoomNoticeKind.KEY_NOT_DELIVERED).hasSize(1);
    }

    @Test
    void aSendThatNoOtherMemberCouldReadFailsAndSendsNothing() throws Exception {
        hub.brokenBundles.add(bob.self);
        hub.brokenBundles.add(carol.self);

        assertThatThrownBy(() -> alice.send(ROOM, "to nobody")).isInstanceOf(EndToEndException.class);
        assertThat(hub.messages.get(ROOM)).isEmpty();
        assertThat(hub.keys).isEmpty();

        hub.brokenBundles.remove(carol.self);
        alice.send(ROOM, "to carol at least");
        carol.receive(ROOM);
        assertThat(carol.texts()).containsExactly("to carol at least");
    }
}
