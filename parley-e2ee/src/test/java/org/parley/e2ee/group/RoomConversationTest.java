package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.session.Session;

class RoomConversationTest {
    private static final DeviceRef ALICE = new DeviceRef("alice", 1);
    private static final DeviceRef BOB = new DeviceRef("bob", 1);
    private static final DeviceRef CAROL = new DeviceRef("carol", 1);

    @Test
    void threeMembersChatAndEveryOtherMemberReadsEachMessage() throws Exception {
        RoomWorld world = threeMembers("chat");
        for (DeviceRef sender : List.of(ALICE, BOB, CAROL, ALICE, BOB)) {
            String text = "hello from " + sender + " 你好";
            Map<DeviceRef, String> read = world.receive(sender, world.send(sender, text));
            assertThat(read).hasSize(2).allSatisfy((reader, seen) -> assertThat(seen).isEqualTo(text));
        }
    }

    @Test
    void aKickedMembersStateAndEveryLaterEnvelopeOpenNothingSentAfterTheKick() throws Exception {
        RoomWorld world = threeMembers("kick");
        world.receive(ALICE, world.send(ALICE, "before 1"));
        world.receive(BOB, world.send(BOB, "before 2"));
        world.receive(CAROL, world.send(CAROL, "before 3"));
        RoomSession stolen = world.sessions.remove(CAROL);
        Session stolenFromAlice = world.pairwise.get(List.of(CAROL, ALICE));
        Session stolenFromBob = world.pairwise.get(List.of(CAROL, BOB));
        int pairwiseBefore = world.pairwiseWire.size();
        int roomBefore = world.roomWire.size();

        world.act(ALICE, new LogBody.Kick("carol"));
        assertThat(world.sessions.get(ALICE).rekeyDue(world.now)).isTrue();
        assertThat(world.sessions.get(BOB).rekeyDue(world.now)).isTrue();
        List<String> after = List.of("after 1", "after 2", "after 3", "after 4");
        world.receive(ALICE, world.send(ALICE, after.get(0)));
        world.receive(BOB, world.send(BOB, after.get(1)));
        world.receive(ALICE, world.send(ALICE, after.get(2)));
        world.receive(BOB, world.send(BOB, after.get(3)));

        List<Bytes> roomAfter = world.roomWire.subList(roomBefore, world.roomWire.size());
        assertThat(roomAfter).hasSize(4);
        for (Bytes envelope : roomAfter) {
            assertThat(catchThrowable(() -> stolen.decrypt(envelope))).isInstanceOf(RoomException.class);
        }
        List<Bytes> pairwiseAfter = world.pairwiseWire.subList(pairwiseBefore, world.pairwiseWire.size());
        assertThat(pairwiseAfter).as("the new chains went to alice and bob only").hasSize(2);
        for (Bytes envelope : pairwiseAfter) {
            for (Session session : List.of(stolenFromAlice, stolenFromBob)) {
                assertThat(catchThrowable(() -> session.decrypt(envelope))).isInstanceOf(E2eeException.class);
            }
        }
        assertThat(world.sessions.get(ALICE).view(world.now).ownEpoch()).contains(2L);
    }

    @Test
    void theKickedMembersOwnSessionDropsEveryChainAndRefusesToSendOnceItSeesTheKick() throws Exception {
        RoomWorld world = threeMembers("kicked sees");
        world.receive(ALICE, world.send(ALICE, "before"));
        RoomSession carol = world.sessions.get(CAROL);
        assertThat(carol.view(world.now).senderChains()).isEqualTo(1);
        world.act(ALICE, new LogBody.Kick("carol"));

        assertThat(carol.view(world.now).senderChains()).isZero();
        assertThatThrownBy(() -> carol.encrypt(org.parley.e2ee.envelope.InnerMessage.text("x",
                Bytes.wrapOwned(new byte[16]), world.now), world.now))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.NOT_A_MEMBER));
    }

    @Test
    void aKickedMembersSessionAcceptsNoChainThatArrivesAfterTheKick() throws Exception {
        RoomWorld world = threeMembers("kicked accepts");
        RoomSession alice = world.sessions.get(ALICE);
        // alice's new chain for carol, made before alice saw the kick and delivered after carol saw it
        SenderKeyDistribution late = alice.rekey(world.now, world.random).stream()
                .filter(d -> d.recipient().equals(CAROL)).findFirst().orElseThrow().content();
        RoomSession carol = world.sessions.get(CAROL);
        world.act(ALICE, new LogBody.Kick("carol"));

        assertThatThrownBy(() -> carol.accept(late, world.devices.get(ALICE).keys().identity().encoded()))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.NOT_A_MEMBER));
        assertThat(carol.view(world.now).senderChains()).isZero();
    }

    @Test
    void aNewMemberReadsFromTheirJoinOnAndNothingEarlier() throws Exception {
        RoomWorld world = threeMembers("join");
        Bytes earlier = world.send(ALICE, "before dave");
        world.receive(ALICE, earlier);
        world.invite(ALICE, "dave");
        DeviceRef dave = new DeviceRef("dave", 1);
        assertThat(world.sessions.get(ALICE).rekeyDue(world.now)).as("a join needs no new chain").isFalse();
        Bytes later = world.send(ALICE, "welcome dave");

        assertThat(world.receive(ALICE, later)).containsEntry(dave, "welcome dave");
        assertThatThrownBy(() -> world.sessions.get(dave).decrypt(earlier))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.DUPLICATE_MESSAGE));
    }

    @Test
    void aDistributionNotDeliveredIsDueAgainAndDoesNotCountAsGiven() throws Exception {
        RoomWorld world = threeMembers("undelivered");
        RoomSession alice = world.sessions.get(ALICE);
        List<Distribution> first = alice.rekey(world.now, world.random);
        assertThat(first).extracting(Distribution::recipient).containsExactly(BOB, CAROL);

        alice.undelivered(CAROL);

        assertThat(alice.distributionsDue()).extracting(Distribution::recipient).containsExactly(CAROL);
        assertThat(alice.distributionsDue()).as("now recorded as given").isEmpty();
        alice.undelivered(CAROL);
        world.act(ALICE, new LogBody.Kick("carol"));
        assertThat(alice.rekeyDue(world.now)).as("carol never held the chain: her removal needs no new one").isFalse();
    }

    @Test
    void aRemovedDeviceForcesANewChainAndAnAddedDeviceGetsTheCurrentOne() throws Exception {
        RoomWorld world = threeMembers("devices");
        DeviceRef bobPhone = new DeviceRef("bob", 2);
        world.newDevice(bobPhone);
        world.receive(ALICE, world.send(ALICE, "one"));
        world.act(BOB, new LogBody.DeviceAdded(2, world.devices.get(bobPhone).keys().identity().encoded()));
        world.sessions.put(bobPhone, new RoomSession(bobPhone, VerifiedLog.verify(world.log), RekeyPolicy.DEFAULT));
        assertThat(world.sessions.get(ALICE).rekeyDue(world.now)).isFalse();
        assertThat(world.receive(ALICE, world.send(ALICE, "two"))).containsEntry(bobPhone, "two");

        RoomSession phone = world.sessions.remove(bobPhone);
        world.act(BOB, new LogBody.DeviceRemoved(2));
        assertThat(world.sessions.get(ALICE).rekeyDue(world.now)).isTrue();
        Bytes three = world.send(ALICE, "three");
        assertThat(world.receive(ALICE, three)).doesNotContainKey(bobPhone).containsEntry(BOB, "three");
        assertThatThrownBy(() -> phone.decrypt(three))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.UNKNOWN_CHAIN));
    }

    @Test
    void aChainIsReplacedAfterItsMessageLimitAndAfterItsMaximumAge() throws Exception {
        RoomWorld world = RoomWorld.create("limits", "alice", Visibility.PRIVATE, new RekeyPolicy(3, Duration.ofDays(1)));
        world.invite(ALICE, "bob");
        for (int i = 0; i < 3; i++) {
            world.receive(ALICE, world.send(ALICE, "m" + i));
        }
        RoomSession alice = world.sessions.get(ALICE);
        assertThat(alice.rekeyDue(world.now)).isTrue();
        world.receive(ALICE, world.send(ALICE, "m3"));
        assertThat(alice.view(world.now).ownEpoch()).contains(2L);
        assertThat(alice.rekeyDue(world.now)).isFalse();
        assertThat(alice.rekeyDue(world.now.plus(Duration.ofDays(1)))).isTrue();
        assertThatThrownBy(() -> alice.encrypt(org.parley.e2ee.envelope.InnerMessage.text("late",
                Bytes.wrapOwned(new byte[16]), world.now), world.now.plus(Duration.ofDays(1))))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.REKEY_REQUIRED));
    }

    @Test
    void lateMessagesOfThePreviousEpochStillDecryptAfterARekey() throws Exception {
        RoomWorld world = threeMembers("late");
        Bytes old = world.send(ALICE, "old chain");
        world.act(ALICE, new LogBody.Kick("carol"));
        world.sessions.remove(CAROL);
        world.receive(ALICE, world.send(ALICE, "new chain"));
        assertThat(world.sessions.get(BOB).decrypt(old).message().text()).isEqualTo("old chain");
    }

    static RoomWorld threeMembers(String seed) throws Exception {
        RoomWorld world = RoomWorld.create(seed, "alice");
        world.invite(ALICE, "bob");
        world.invite(ALICE, "carol");
        return world;
    }
}
