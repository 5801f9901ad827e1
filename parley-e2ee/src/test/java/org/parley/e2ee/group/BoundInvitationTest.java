package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;

/**
 * Invitations bound to the invitee's device keys ({@code invite_devices}, docs/E2EE.md 19.2 and
 * 19.4): the server, which can sign a join with a key of its own for any invited name, cannot use
 * an invitation that names the keys the inviter saw; the real user's device still can.
 */
class BoundInvitationTest {
    private static final DeviceRef ALICE = new DeviceRef("alice", 1);
    private static final DeviceRef BOB = new DeviceRef("bob", 1);

    @Test
    void aJoinSignedWithAKeyTheInvitationDoesNotNameIsRefusedAndTheNamedDeviceStillJoins() throws Exception {
        RoomWorld world = RoomWorld.create("bound race", "alice");
        Device realBob = world.newDevice(BOB);
        world.act(ALICE, LogBody.Invite.boundTo("bob", List.of(signingKey(realBob))));
        Device server = Fixtures.device("server's bob");
        List<Bytes> raced = new ArrayList<>(world.log);
        raced.add(VerifiedLog.verify(raced).next(server.keys(), new DeviceRef("bob", 99), world.now,
                new LogBody.Join(server.keys().identity().encoded())).encoded());

        assertThatThrownBy(() -> world.sessions.get(ALICE).updateLog(raced))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.LOG_FORBIDDEN));
        assertThat(world.sessions.get(ALICE).log().membership().invitationKeys("bob")).containsExactly(signingKey(realBob));

        world.join(BOB);
        assertThat(VerifiedLog.verify(world.log).membership().admits(BOB, realBob.keys().identity().encoded())).isTrue();
        assertThat(VerifiedLog.verify(world.log).membership().invitationKeys("bob")).isEmpty();
    }

    @Test
    void anyOfTheNamedKeysMayJoinAndAnotherDeviceOfTheSameUserMayNot() throws Exception {
        RoomWorld world = RoomWorld.create("two devices", "alice");
        Device laptop = world.newDevice(BOB);
        Device phone = world.newDevice(new DeviceRef("bob", 2));
        Device tablet = world.newDevice(new DeviceRef("bob", 3));
        world.act(ALICE, LogBody.Invite.boundTo("bob", List.of(signingKey(laptop), signingKey(phone))));

        forbidden(world, new DeviceRef("bob", 3), new LogBody.Join(tablet.keys().identity().encoded()));
        world.act(new DeviceRef("bob", 2), new LogBody.Join(phone.keys().identity().encoded()));
        assertThat(VerifiedLog.verify(world.log).membership().devicesOf("bob")).containsExactly(new DeviceRef("bob", 2));
    }

    @Test
    void aBoundInvitationReplacesAPendingOneAndOnlyItsKeysMayJoin() throws Exception {
        RoomWorld world = RoomWorld.create("re-invite", "alice");
        Device lost = Fixtures.device("bob's lost phone");
        Device replacement = world.newDevice(BOB);
        world.act(ALICE, new LogBody.Invite("bob"));
        world.act(ALICE, LogBody.Invite.boundTo("bob", List.of(signingKey(lost))));
        forbidden(world, BOB, new LogBody.Join(replacement.keys().identity().encoded()));

        world.act(ALICE, LogBody.Invite.boundTo("bob", List.of(signingKey(replacement))));
        world.join(BOB);
        assertThat(VerifiedLog.verify(world.log).membership().admits(BOB)).isTrue();
    }

    @Test
    void anInvitationOfTheOldKindCannotReplaceABoundOne() throws Exception {
        RoomWorld world = RoomWorld.create("no downgrade", "alice");
        world.act(ALICE, LogBody.Invite.boundTo("bob", List.of(signingKey(world.newDevice(BOB)))));

        forbidden(world, ALICE, new LogBody.Invite("bob"));
    }

    @Test
    void aBanDropsTheBoundInvitation() throws Exception {
        RoomWorld world = RoomWorld.create("ban", "alice");
        world.act(ALICE, LogBody.Invite.boundTo("bob", List.of(signingKey(world.newDevice(BOB)))));
        world.act(ALICE, new LogBody.Ban("bob"));

        Membership membership = VerifiedLog.verify(world.log).membership();
        assertThat(membership.invited()).doesNotContain("bob");
        assertThat(membership.invitationKeys()).doesNotContainKey("bob");
    }

    @Test
    void aPublicRoomAdmitsAJoinWhateverKeysAnInvitationNamed() throws Exception {
        RoomWorld open = RoomWorld.create("public bound", "alice", Visibility.PUBLIC, RekeyPolicy.DEFAULT);
        open.act(ALICE, LogBody.Invite.boundTo("bob", List.of(signingKey(Fixtures.device("bob elsewhere")))));
        open.join(BOB);

        Membership membership = VerifiedLog.verify(open.log).membership();
        assertThat(membership.admits(BOB)).isTrue();
        assertThat(membership.invited()).doesNotContain("bob");
        assertThat(membership.invitationKeys()).isEmpty();
    }

    @Test
    void aBoundInvitationEncodesAsInviteDevicesAndDecodesToTheSameKeys() throws Exception {
        Device owner = Fixtures.device("codec owner");
        List<Bytes> keys = List.of(signingKey(Fixtures.device("k1")), signingKey(Fixtures.device("k2")),
                signingKey(Fixtures.device("k3")));
        VerifiedLog log = VerifiedLog.verify(List.of(VerifiedLog.create(owner.keys(), ALICE, Fixtures.NOW,
                RoomWorld.ROOM, "codec", Visibility.PRIVATE).encoded()));
        LogEntry entry = log.next(owner.keys(), ALICE, Fixtures.NOW, LogBody.Invite.boundTo("bob", keys));

        byte[] bytes = entry.encoded().toByteArray();
        int action = 1 + 4 + 32 + 8 + 1 + "alice".length() + 4;
        assertThat(bytes[action]).isEqualTo((byte) 10);
        assertThat(bytes[action + 1 + 1 + 3]).as("key count").isEqualTo((byte) 3);
        LogBody.Invite decoded = (LogBody.Invite) LogEntryCodec.decode(entry.encoded()).body();
        assertThat(decoded.deviceKeys()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(decoded.deviceKeys()).isSortedAccordingTo(LogBody.Invite::compare);
        assertThat(LogEntryCodec.encode(LogEntryCodec.decode(entry.encoded()))).isEqualTo(entry.encoded());
    }

    @Test
    void anInviteDevicesEntryWithKeysOutOfOrderRepeatedOrOfABadCountIsMalformed() throws Exception {
        Device owner = Fixtures.device("codec owner");
        Bytes low = Bytes.wrapOwned(new byte[32]);
        byte[] highBytes = new byte[32];
        highBytes[0] = (byte) 0xff;
        Bytes high = Bytes.wrapOwned(highBytes);
        VerifiedLog log = VerifiedLog.verify(List.of(VerifiedLog.create(owner.keys(), ALICE, Fixtures.NOW,
                RoomWorld.ROOM, "codec", Visibility.PRIVATE).encoded()));
        Bytes good = log.next(owner.keys(), ALICE, Fixtures.NOW, new LogBody.Invite("bob", List.of(low, high))).encoded();
        int count = 1 + 4 + 32 + 8 + 1 + "alice".length() + 4 + 1 + 1 + 3;
        int firstKey = count + 1;

        byte[] swapped = good.toByteArray();
        System.arraycopy(highBytes, 0, swapped, firstKey, 32);
        System.arraycopy(new byte[32], 0, swapped, firstKey + 32, 32);
        byte[] repeated = good.toByteArray();
        System.arraycopy(new byte[32], 0, repeated, firstKey + 32, 32);
        byte[] none = good.toByteArray();
        none[count] = 0;
        byte[] tooMany = good.toByteArray();
        tooMany[count] = 17;

        for (byte[] bad : List.of(swapped, repeated, none, tooMany)) {
            assertThatThrownBy(() -> LogEntryCodec.decode(Bytes.wrapOwned(bad)))
                    .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.MALFORMED));
        }
        assertThatThrownBy(() -> new LogBody.Invite("bob", List.of(high, low))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogBody.Invite.boundTo("bob", List.of(low, low)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLargestBoundInvitationIs757BytesAsTheSpecSays() throws Exception {
        Device owner = Fixtures.device("largest owner");
        String longName = "o".repeat(64);
        DeviceRef actor = new DeviceRef(longName, 0xFFFF_FFFFL);
        List<Bytes> keys = new ArrayList<>();
        for (int i = 0; i < LogBody.Invite.MAX_DEVICE_KEYS; i++) {
            keys.add(signingKey(Fixtures.device("largest key " + i)));
        }
        Bytes genesis = VerifiedLog.create(owner.keys(), actor, Fixtures.NOW, RoomWorld.ROOM, "largest",
                Visibility.PRIVATE).encoded();

        LogEntry entry = VerifiedLog.verify(List.of(genesis)).next(owner.keys(), actor, Fixtures.NOW,
                LogBody.Invite.boundTo("i".repeat(64), keys));
        assertThat(entry.encoded().length()).isEqualTo(757).isLessThanOrEqualTo(LogEntry.MAX_LENGTH);
        assertThat(VerifiedLog.verify(List.of(genesis, entry.encoded())).membership().invitationKeys("i".repeat(64)))
                .hasSize(LogBody.Invite.MAX_DEVICE_KEYS);
    }

    private static Bytes signingKey(Device device) {
        return device.keys().identity().signingKey();
    }

    private static void forbidden(RoomWorld world, DeviceRef actor, LogBody body) throws Exception {
        VerifiedLog verified = VerifiedLog.verify(world.log);
        List<Bytes> extended = new ArrayList<>(world.log);
        extended.add(verified.next(world.devices.get(actor).keys(), actor, world.now, body).encoded());
        assertThatThrownBy(() -> VerifiedLog.verify(extended))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.LOG_FORBIDDEN));
    }
}
