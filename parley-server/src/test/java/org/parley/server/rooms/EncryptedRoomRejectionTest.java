package org.parley.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.awaitAnswer;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.Visibility;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.ServerLimits;
import org.parley.server.testing.RoomLogBook;
import org.parley.server.testing.RoomMember;
import org.parley.server.testing.ServerFixture;

/**
 * What the server refuses to store in a membership log, and that a refusal stores nothing and
 * changes no member (docs/PROTOCOL.md, Section 14.9).
 */
class EncryptedRoomRejectionTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    private static ChatEvent.Rejected append(RoomMember from, String room, Bytes entry) throws Exception {
        return from.ask(id -> new ChatRequest.AppendRoomLog(id, room, entry), ChatEvent.Rejected.class);
    }

    @Test
    void twoConcurrentAppendsAtOneSeqStoreOneAndAnswerTheOtherWithTheLogsSize() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember alicePhone = RoomMember.anotherDevice(fixture, "alice");
        fixture.registered("bob");
        fixture.registered("carol");
        RoomLogBook log = new RoomLogBook("race");
        log.create(alice, Visibility.PRIVATE);
        log.append(alice, new LogBody.DeviceAdded(alicePhone.deviceId(), alicePhone.identity()), ChatEvent.Accepted.class);

        Bytes fromLaptop = log.sign(alice, new LogBody.Invite("bob"));
        Bytes fromPhone = log.sign(alicePhone, new LogBody.Invite("carol"));
        long first = alice.client().request(id -> new ChatRequest.AppendRoomLog(id, "race", fromLaptop));
        long second = alicePhone.client().request(id -> new ChatRequest.AppendRoomLog(id, "race", fromPhone));
        List<ChatEvent> answers = List.of(awaitAnswer(alice.client(), first), awaitAnswer(alicePhone.client(), second));
        List<Bytes> served = EncryptedRoomLogTest.served(alice, "race");

        assertThat(answers).filteredOn(ChatEvent.Accepted.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((ChatEvent.Accepted) a).messageId()).isEqualTo(2));
        assertThat(answers).filteredOn(ChatEvent.Rejected.class::isInstance).singleElement().satisfies(r -> {
            assertThat(((ChatEvent.Rejected) r).code()).isEqualTo(ErrorCode.LOG_CONFLICT);
            assertThat(((ChatEvent.Rejected) r).detail()).contains("3 entries");
        });
        assertThat(served).hasSize(3).startsWith(log.entries().toArray(Bytes[]::new));
        assertThat(served.get(2)).isIn(fromLaptop, fromPhone);
    }

    @Test
    void aForgedSignatureAndAnotherDevicesEntryAreRejectedAndStoreNothing() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomLogBook log = new RoomLogBook("forge");
        log.create(alice, Visibility.PUBLIC);

        byte[] forged = log.sign(alice, new LogBody.Invite("bob")).toByteArray();
        forged[forged.length - 1] ^= 1;
        ChatEvent.Rejected badSignature = append(alice, "forge", Bytes.wrapOwned(forged));
        Bytes alicesEntry = log.sign(alice, new LogBody.Invite("bob"));
        ChatEvent.Rejected notBobs = append(bob, "forge", alicesEntry);

        assertThat(badSignature.code()).isEqualTo(ErrorCode.LOG_REJECTED);
        assertThat(badSignature.detail()).startsWith("BAD_SIGNATURE");
        assertThat(notBobs.code()).isEqualTo(ErrorCode.LOG_REJECTED);
        assertThat(notBobs.detail()).contains("not this session's user and bound device");
        assertThat(EncryptedRoomLogTest.served(alice, "forge")).isEqualTo(log.entries());
    }

    @Test
    void aGhostJoinWithoutAnInvitationIsRefusedAndABannedUsersJoinIsRejected() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember ghost = RoomMember.registered(fixture, "ghost");
        RoomLogBook log = new RoomLogBook("closed");
        log.create(alice, Visibility.PRIVATE);

        ChatEvent.Rejected unseen = append(ghost, "closed", log.sign(ghost, new LogBody.Join(ghost.identity())));
        log.append(alice, new LogBody.Ban("ghost"), ChatEvent.Accepted.class);
        ChatEvent.Rejected banned = append(ghost, "closed", log.sign(ghost, new LogBody.Join(ghost.identity())));

        assertThat(unseen.code()).isEqualTo(ErrorCode.NO_SUCH_ROOM);
        assertThat(banned.code()).isEqualTo(ErrorCode.LOG_REJECTED);
        assertThat(banned.detail()).startsWith("LOG_FORBIDDEN");
        assertThat(EncryptedRoomLogTest.roles(alice, "closed")).containsOnlyKeys("alice");
        assertThat(EncryptedRoomLogTest.served(alice, "closed")).isEqualTo(log.entries());
    }

    @Test
    void aGenesisWhoseIdentityIsNotTheBoundDevicesCreatesNoRoom() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomLogBook log = new RoomLogBook("mine");
        DeviceKeys other = DeviceKeys.generate(new SecureRandom());

        Bytes foreign = log.genesis(other, alice.ref(), Visibility.PRIVATE);
        ChatEvent.Rejected refused = alice.ask(id -> new ChatRequest.CreateEncryptedRoom(id, "mine",
                RoomVisibility.PRIVATE, foreign), ChatEvent.Rejected.class);
        Bytes wrongVisibility = log.genesis(alice.keys(), alice.ref(), Visibility.PUBLIC);
        ChatEvent.Rejected mismatch = alice.ask(id -> new ChatRequest.CreateEncryptedRoom(id, "mine",
                RoomVisibility.PRIVATE, wrongVisibility), ChatEvent.Rejected.class);
        ChatEvent.JoinedRoom afterwards = log.create(alice, Visibility.PRIVATE);
        Bytes again = log.genesis(alice.keys(), alice.ref(), Visibility.PRIVATE);
        ChatEvent.Rejected taken = alice.ask(id -> new ChatRequest.CreateEncryptedRoom(id, "mine",
                RoomVisibility.PRIVATE, again), ChatEvent.Rejected.class);

        assertThat(refused.code()).isEqualTo(ErrorCode.LOG_REJECTED);
        assertThat(refused.detail()).contains("creator identity");
        assertThat(mismatch.code()).isEqualTo(ErrorCode.LOG_REJECTED);
        assertThat(afterwards.room().encrypted()).isTrue();
        assertThat(taken.code()).isEqualTo(ErrorCode.ROOM_EXISTS);
        assertThat(EncryptedRoomLogTest.served(alice, "mine")).isEqualTo(log.entries());
    }

    @Test
    void encryptedRoomRequestsNeedABoundDevice() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomLogBook log = new RoomLogBook("bound");
        Bytes genesis = log.genesis(alice.keys(), alice.ref(), Visibility.PRIVATE);
        var unbound = fixture.connect();
        unbound.login("alice", ServerFixture.PASSWORD.toCharArray());

        ChatEvent.Rejected refused = org.parley.server.testing.TestDevice.answer(unbound, unbound.request(id ->
                new ChatRequest.CreateEncryptedRoom(id, "bound", RoomVisibility.PRIVATE, genesis)), ChatEvent.Rejected.class);

        assertThat(refused.code()).isEqualTo(ErrorCode.DEVICE_REQUIRED);
        assertThat(alice.ask(ChatRequest.ListRooms::new, ChatEvent.RoomList.class).rooms())
                .noneMatch(r -> r.name().equals("bound"));
    }

    @Test
    void aJoinByADeviceTheBoundInvitationDoesNotNameIsRejectedAndTheInvitationStaysForTheNamedOne() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomMember bobsOther = RoomMember.anotherDevice(fixture, "bob");
        RoomLogBook log = new RoomLogBook("bound");
        log.create(alice, Visibility.PRIVATE);
        log.append(alice, LogBody.Invite.boundTo("bob", List.of(bob.keys().identity().signingKey())),
                ChatEvent.Accepted.class);

        ChatEvent.Rejected other = append(bobsOther, "bound", log.sign(bobsOther, new LogBody.Join(bobsOther.identity())));

        assertThat(other.code()).isEqualTo(ErrorCode.LOG_REJECTED);
        assertThat(other.detail()).startsWith("LOG_FORBIDDEN").contains("names other device keys");
        assertThat(EncryptedRoomLogTest.served(alice, "bound")).isEqualTo(log.entries());
        log.append(bob, new LogBody.Join(bob.identity()), ChatEvent.JoinedRoom.class);
    }

    @Test
    void aBoundInvitationOfAUserAlreadyInvitedReplacesTheInvitation() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomLogBook log = new RoomLogBook("again");
        log.create(alice, Visibility.PRIVATE);
        log.append(alice, LogBody.Invite.boundTo("bob", List.of(DeviceKeys.generate(new SecureRandom()).identity()
                .signingKey())), ChatEvent.Accepted.class);
        log.append(alice, LogBody.Invite.boundTo("bob", List.of(bob.keys().identity().signingKey())),
                ChatEvent.Accepted.class);

        ChatEvent.JoinedRoom joined = log.append(bob, new LogBody.Join(bob.identity()), ChatEvent.JoinedRoom.class);
        assertThat(joined.room().name()).isEqualTo("again");
    }
}
