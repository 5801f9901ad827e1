package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.device.DeviceIdentity;

/**
 * The membership-log verifier against a server that inserts a ghost member, a ghost device,
 * reorders, forks or truncates the log: each is refused with its error, the session keeps the last
 * verified log and its distributions go to nobody outside it.
 */
class MembershipLogTest {
    private static final DeviceRef ALICE = new DeviceRef("alice", 1);
    private static final DeviceRef BOB = new DeviceRef("bob", 1);
    private static final DeviceRef GHOST = new DeviceRef("ghost", 1);

    @Test
    void anHonestLogAdmitsExactlyItsMembersWithTheirRoles() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("honest");
        world.act(ALICE, new LogBody.RoleChange("bob", Role.OPERATOR));
        Membership membership = VerifiedLog.verify(world.log).membership();
        assertThat(membership.roles()).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("alice", Role.OWNER, "bob", Role.OPERATOR, "carol", Role.MEMBER)));
        assertThat(membership.devices().keySet()).containsExactly(ALICE, BOB, new DeviceRef("carol", 1));
        assertThat(membership.roomId()).isEqualTo(RoomWorld.ROOM);
    }

    @Test
    void aGhostMemberInsertedByTheServerIsRefusedAndGetsNoKeys() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("ghost member");
        Device ghost = Fixtures.device("ghost");
        List<Bytes> forged = new ArrayList<>(world.log);
        VerifiedLog verified = VerifiedLog.verify(world.log);
        forged.add(verified.next(ghost.keys(), GHOST, world.now, new LogBody.Join(ghost.keys().identity().encoded()))
                .encoded());

        assertRefused(world, forged, RoomError.LOG_FORBIDDEN);
    }

    @Test
    void aGhostInvitationSignedWithAKeyTheLogDoesNotAdmitIsRefused() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("ghost invite");
        Device server = Fixtures.device("server key");
        List<Bytes> forged = new ArrayList<>(world.log);
        forged.add(VerifiedLog.verify(world.log).next(server.keys(), ALICE, world.now, new LogBody.Invite("ghost"))
                .encoded());

        assertRefused(world, forged, RoomError.BAD_SIGNATURE);
    }

    @Test
    void aGhostDeviceAddedForAMemberWithoutThatMembersKeyIsRefusedAndGetsNoKeys() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("ghost device");
        Device ghost = Fixtures.device("ghost device");
        List<Bytes> forged = new ArrayList<>(world.log);
        forged.add(VerifiedLog.verify(world.log).next(ghost.keys(), BOB, world.now,
                new LogBody.DeviceAdded(7, ghost.keys().identity().encoded())).encoded());

        assertRefused(world, forged, RoomError.BAD_SIGNATURE);
    }

    /**
     * A limit of version 1 (docs/E2EE.md 19.4), pinned so that a change to it is seen: an invitation
     * names a user, not a key, so whoever signs the invited user's join first (the server, with a key
     * of its own) makes that device the user's first device; the real user's join is then refused.
     */
    @Test
    void aJoinForAnInvitedUserSignedWithAnyKeyIsAcceptedAndTheRealJoinIsThenRefused() throws Exception {
        RoomWorld world = RoomWorld.create("invited race", "alice");
        world.act(ALICE, new LogBody.Invite("bob"));
        Device server = Fixtures.device("server's bob");
        List<Bytes> raced = new ArrayList<>(world.log);
        raced.add(VerifiedLog.verify(raced).next(server.keys(), new DeviceRef("bob", 99), world.now,
                new LogBody.Join(server.keys().identity().encoded())).encoded());

        VerifiedLog accepted = world.sessions.get(ALICE).updateLog(raced);
        assertThat(accepted.membership().admits(new DeviceRef("bob", 99), server.keys().identity().encoded())).isTrue();
        Device realBob = Fixtures.device("real bob");
        List<Bytes> realJoin = new ArrayList<>(raced);
        realJoin.add(accepted.next(realBob.keys(), BOB, world.now, new LogBody.Join(realBob.keys().identity().encoded()))
                .encoded());
        assertThatThrownBy(() -> VerifiedLog.verify(realJoin)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.LOG_FORBIDDEN));
    }

    /**
     * Every client verifies the whole log from genesis (on joining, and on every load of a stored
     * room session), so its cost must grow linearly: an operator who fills the log with thousands of
     * invitations (or bans) must not make it quadratic. Measured in bytes allocated by this thread
     * (deterministic, unlike time): per entry, a log four times longer may not cost much more.
     */
    @Test
    void verifyingALogCostsTheSamePerEntryHoweverLongTheLogIs() throws Exception {
        Device owner = Fixtures.device("long log owner");
        List<Bytes> log = new ArrayList<>();
        log.add(VerifiedLog.create(owner.keys(), ALICE, Fixtures.NOW, RoomWorld.ROOM, "long", Visibility.PRIVATE)
                .encoded());
        Bytes head = VerifiedLog.verify(log).head();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double[] bytesPerEntry = new double[2];
        int[] sizes = {1000, 4000};
        for (int i = 0; i < sizes.length; i++) {
            while (log.size() < sizes[i]) {
                LogEntry entry = LogEntryCodec.sign(owner.keys(), ALICE, log.size(), head, Fixtures.NOW,
                        new LogBody.Invite("invitee" + log.size()));
                log.add(entry.encoded());
                head = entry.hash();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            assertThat(VerifiedLog.verify(log).membership().invited()).hasSize(sizes[i] - 1);
            bytesPerEntry[i] = (threads.getCurrentThreadAllocatedBytes() - before) / (double) sizes[i];
        }

        assertThat(bytesPerEntry[1]).as("bytes allocated per entry, 1,000 entries then 4,000: %s", java.util.Arrays.toString(bytesPerEntry))
                .isLessThan(1.5 * bytesPerEntry[0]);
    }

    @Test
    void aReorderedLogIsRefused() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("reorder");
        List<Bytes> reordered = new ArrayList<>(world.log);
        java.util.Collections.swap(reordered, 1, 2);

        assertThatThrownBy(() -> VerifiedLog.verify(reordered)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.LOG_BROKEN));
    }

    @Test
    void aForkAtAnAlreadyVerifiedPositionIsRefused() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("fork");
        world.act(ALICE, new LogBody.RoleChange("bob", Role.OPERATOR));
        List<Bytes> fork = new ArrayList<>(world.log.subList(0, world.log.size() - 1));
        fork.add(VerifiedLog.verify(fork).next(world.devices.get(ALICE).keys(), ALICE, world.now,
                new LogBody.Kick("bob")).encoded());
        assertThat(VerifiedLog.verify(fork).membership().admits(BOB)).as("the fork alone is a valid log").isFalse();

        assertRefused(world, fork, RoomError.LOG_FORKED);
    }

    @Test
    void aTruncatedLogThatDoesNotExtendTheVerifiedOneIsRefused() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("truncate");
        assertRefused(world, world.log.subList(0, world.log.size() - 1), RoomError.LOG_FORKED);
    }

    @Test
    void aDistributionNamingAnotherLogHeadRevealsAForkAndOneAheadOfUsWaits() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("head check");
        RoomSession bob = world.sessions.get(BOB);
        List<Distribution> fromAlice = world.sessions.get(ALICE).rekey(world.now, world.random);
        SenderKeyDistribution honest = fromAlice.get(0).content();
        Bytes alicePairwise = world.devices.get(ALICE).keys().identity().encoded();
        SenderKeyDistribution forked = new SenderKeyDistribution(honest.roomId(), honest.sender(), honest.epoch(),
                honest.iteration(), honest.chainKey(), honest.signingKey(), honest.logSize(),
                Bytes.wrapOwned(new byte[32]));
        SenderKeyDistribution ahead = new SenderKeyDistribution(honest.roomId(), honest.sender(), honest.epoch(),
                honest.iteration(), honest.chainKey(), honest.signingKey(), honest.logSize() + 1, honest.logHead());

        assertThatThrownBy(() -> bob.accept(ahead, alicePairwise)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.LOG_BEHIND));
        assertThatThrownBy(() -> bob.accept(forked, alicePairwise)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.LOG_FORKED));
        assertThat(bob.view(world.now).log()).isInstanceOf(LogStatus.Problem.class);
        assertThat(bob.view(world.now).senderChains()).isZero();
        assertThat(bob.accept(honest, alicePairwise)).isTrue();
    }

    @Test
    void twoValidForksShownToDifferentMembersAreRevealedByTheFirstDistributionThatCrossesThem() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("real fork");
        DeviceRef carol = new DeviceRef("carol", 1);
        DeviceRef dave = world.invite(ALICE, "dave");
        world.act(ALICE, new LogBody.RoleChange("bob", Role.OPERATOR));
        VerifiedLog common = VerifiedLog.verify(world.log);
        List<Bytes> forkA = new ArrayList<>(world.log);
        forkA.add(common.next(world.devices.get(ALICE).keys(), ALICE, world.now, new LogBody.Kick("dave")).encoded());
        List<Bytes> forkB = new ArrayList<>(world.log);
        forkB.add(common.next(world.devices.get(BOB).keys(), BOB, world.now, new LogBody.Invite("erin")).encoded());
        world.sessions.get(ALICE).updateLog(forkA);
        world.sessions.get(BOB).updateLog(forkA);
        world.sessions.get(carol).updateLog(forkB);
        world.sessions.remove(dave);

        assertThatThrownBy(() -> world.send(ALICE, "after the kick")).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.LOG_FORKED));
        assertThat(world.sessions.get(carol).view(world.now).log()).isInstanceOfSatisfying(LogStatus.Problem.class,
                problem -> assertThat(problem.error()).isEqualTo(RoomError.LOG_FORKED));
        assertThat(world.sessions.get(BOB).view(world.now).senderChains()).as("bob saw the same log").isEqualTo(1);
    }

    @Test
    void aKickWithheldFromAMemberSurfacesAsLogBehindAtTheKickersNextDistribution() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("withheld");
        RoomSession bob = world.sessions.remove(BOB);
        world.act(ALICE, new LogBody.Kick("carol"));
        List<Distribution> fromAlice = world.sessions.get(ALICE).rekey(world.now, world.random);
        assertThat(fromAlice).extracting(Distribution::recipient).containsExactly(BOB);
        Bytes aliceIdentity = world.devices.get(ALICE).keys().identity().encoded();

        assertThatThrownBy(() -> bob.accept(fromAlice.get(0).content(), aliceIdentity))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.LOG_BEHIND));
        bob.updateLog(world.log);
        assertThat(bob.accept(fromAlice.get(0).content(), aliceIdentity)).isTrue();
        assertThat(bob.log().membership().admits(new DeviceRef("carol", 1))).isFalse();
    }

    @Test
    void theRulesRefuseWhatNoMemberMayDo() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("rules");
        DeviceRef carol = new DeviceRef("carol", 1);
        forbidden(world, BOB, new LogBody.Kick("carol"));
        forbidden(world, BOB, new LogBody.Invite("dave"));
        forbidden(world, BOB, new LogBody.RoleChange("bob", Role.OWNER));
        forbidden(world, ALICE, new LogBody.Leave());
        forbidden(world, BOB, new LogBody.DeviceRemoved(1));
        forbidden(world, ALICE, new LogBody.Invite("bob"));
        forbidden(world, ALICE, new LogBody.Create(RoomWorld.ROOM, "again", Visibility.PUBLIC,
                world.devices.get(ALICE).keys().identity().encoded()));
        world.act(ALICE, new LogBody.RoleChange("bob", Role.OPERATOR));
        forbidden(world, BOB, new LogBody.Kick("alice"));
        world.act(BOB, new LogBody.Ban("carol"));
        forbidden(world, ALICE, new LogBody.Invite("carol"));
        Device carolDevice = world.devices.get(carol);
        forbidden(world, carol, new LogBody.Join(carolDevice.keys().identity().encoded()));
    }

    @Test
    void aPublicRoomAdmitsAJoinWithoutAnInvitationButAPrivateOneDoesNot() throws Exception {
        RoomWorld open = RoomWorld.create("public", "alice", Visibility.PUBLIC, RekeyPolicy.DEFAULT);
        open.join(BOB);
        assertThat(VerifiedLog.verify(open.log).membership().admits(BOB)).isTrue();

        RoomWorld closed = RoomWorld.create("private", "alice", Visibility.PRIVATE, RekeyPolicy.DEFAULT);
        Device bob = closed.newDevice(BOB);
        forbidden(closed, BOB, new LogBody.Join(bob.keys().identity().encoded()));
    }

    @Test
    void aLogEntryWhoseSignatureWasTamperedWithIsRefused() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("tamper");
        List<Bytes> tampered = new ArrayList<>(world.log);
        byte[] last = tampered.get(2).toByteArray();
        last[last.length - 1] ^= 1;
        tampered.set(2, Bytes.wrapOwned(last));
        assertThatThrownBy(() -> VerifiedLog.verify(tampered)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.BAD_SIGNATURE));
    }

    private static void forbidden(RoomWorld world, DeviceRef actor, LogBody body) throws Exception {
        VerifiedLog verified = VerifiedLog.verify(world.log);
        Bytes entry = verified.next(world.devices.get(actor).keys(), actor, world.now, body).encoded();
        assertThatThrownBy(() -> verified.append(List.of(entry))).as(body.toString())
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.LOG_FORBIDDEN));
    }

    /** The session refuses the log, keeps the verified one, and distributes to its devices only. */
    private static void assertRefused(RoomWorld world, List<Bytes> forged, RoomError error) throws Exception {
        RoomSession alice = world.sessions.get(ALICE);
        VerifiedLog before = alice.log();
        assertThatThrownBy(() -> alice.updateLog(forged)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(error));
        assertThat(alice.log()).isSameAs(before);
        assertThat(alice.view(world.now).log()).isInstanceOfSatisfying(LogStatus.Problem.class,
                problem -> assertThat(problem.error()).isEqualTo(error));
        List<DeviceRef> recipients = alice.rekey(world.now, world.random).stream().map(Distribution::recipient).toList();
        assertThat(recipients).containsExactly(BOB, new DeviceRef("carol", 1));
        for (Distribution distribution : alice.distributionsDue()) {
            assertThat(distribution.identity()).isIn(before.membership().devices().values());
        }
        assertThat(DistributionPolicy.recipients(alice.log(), ALICE)).extracting(Map.Entry::getValue)
                .extracting(DeviceIdentity::encoded).doesNotContain(Fixtures.device("ghost").keys().identity().encoded());
    }
}
