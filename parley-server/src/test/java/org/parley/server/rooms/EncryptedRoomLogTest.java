package org.parley.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.Visibility;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.server.ServerLimits;
import org.parley.server.testing.RoomLogBook;
import org.parley.server.testing.RoomMember;
import org.parley.server.testing.ServerFixture;

/**
 * Encrypted rooms over real connections (docs/PROTOCOL.md, Section 14.9): the membership log drives
 * the server's chat state, entries are pushed to members before and after, and a device_added
 * must name a real device of the actor.
 */
class EncryptedRoomLogTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    static Map<String, Role> roles(RoomMember asker, String room) throws Exception {
        return asker.ask(id -> new ChatRequest.ListMembers(id, java.util.Optional.of(room)), ChatEvent.MemberList.class)
                .members().stream().collect(Collectors.toMap(MemberInfo::user, MemberInfo::role));
    }

    static List<Bytes> served(RoomMember asker, String room) throws Exception {
        return asker.ask(id -> new ChatRequest.FetchRoomLog(id, room, 0), ChatEvent.RoomLogPage.class).entries();
    }

    @Test
    void aRoomCreatedFromItsGenesisIsEncryptedAndAnInvitedUserJoinsThroughTheLog() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomLogBook log = new RoomLogBook("密室");

        ChatEvent.JoinedRoom created = log.create(alice, Visibility.PRIVATE);
        ChatEvent.Accepted invited = log.append(alice, new LogBody.Invite("bob"), ChatEvent.Accepted.class);
        ChatEvent.Invited told = bob.client().awaitEvent(ChatEvent.Invited.class, e -> e.room().equals("密室"));
        ChatEvent.RoomLogAppended bobSawInvite = bob.client().awaitEvent(ChatEvent.RoomLogAppended.class, e -> e.seq() == 1);
        ChatEvent.JoinedRoom joined = log.append(bob, new LogBody.Join(bob.identity()), ChatEvent.JoinedRoom.class);
        ChatEvent.RoomLogAppended aliceSawJoin = alice.client().awaitEvent(ChatEvent.RoomLogAppended.class,
                e -> e.seq() == 2);
        List<RoomInfo> listed = bob.ask(ChatRequest.ListRooms::new, ChatEvent.RoomList.class).rooms();

        assertThat(created.room().encrypted()).isTrue();
        assertThat(created.members()).extracting(MemberInfo::user, MemberInfo::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", Role.OWNER));
        assertThat(invited.messageId()).isEqualTo(1);
        assertThat(told.by()).isEqualTo("alice");
        assertThat(bobSawInvite.entry()).isEqualTo(log.entries().get(1));
        assertThat(joined.room().encrypted()).isTrue();
        assertThat(joined.members()).extracting(MemberInfo::user).containsExactly("alice", "bob");
        assertThat(aliceSawJoin.entry()).isEqualTo(log.entries().get(2));
        assertThat(alice.client().awaitEvent(ChatEvent.Presence.class, p -> p.room().equals("密室")).change())
                .isEqualTo(PresenceChange.JOINED);
        assertThat(listed).filteredOn(r -> r.name().equals("密室")).singleElement()
                .satisfies(r -> assertThat(r.encrypted()).isTrue());
        assertThat(served(bob, "密室")).isEqualTo(log.entries());
    }

    @Test
    void rolesKicksBansAndLeavesInTheLogChangeTheServersMembersAndReachTheRemovedToo() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomMember carol = RoomMember.registered(fixture, "carol");
        RoomLogBook log = new RoomLogBook("tea");
        log.create(alice, Visibility.PRIVATE);
        for (RoomMember joiner : List.of(bob, carol)) {
            log.append(alice, new LogBody.Invite(joiner.user()), ChatEvent.Accepted.class);
            log.append(joiner, new LogBody.Join(joiner.identity()), ChatEvent.JoinedRoom.class);
        }

        log.append(alice, new LogBody.RoleChange("bob", org.parley.e2ee.group.Role.OPERATOR), ChatEvent.Accepted.class);
        Map<String, Role> afterRole = roles(alice, "tea");
        log.append(bob, new LogBody.Kick("carol"), ChatEvent.Accepted.class);
        ChatEvent.RemovedFromRoom kicked = carol.client().awaitEvent(ChatEvent.RemovedFromRoom.class, e -> true);
        ChatEvent.RoomLogAppended carolSawKick = carol.client().awaitEvent(ChatEvent.RoomLogAppended.class,
                e -> e.seq() == 6);
        Map<String, Role> afterKick = roles(alice, "tea");
        log.append(alice, new LogBody.Ban("carol"), ChatEvent.Accepted.class);
        log.append(bob, new LogBody.Leave(), ChatEvent.Accepted.class);
        Map<String, Role> afterLeave = roles(alice, "tea");
        ChatEvent.Rejected carolBack = carol.ask(id -> new ChatRequest.SendRoomMessage(id, "tea",
                org.parley.protocol.chat.ContentType.OPAQUE, Bytes.fromHex("01")), ChatEvent.Rejected.class);

        assertThat(afterRole).containsEntry("bob", Role.OP);
        assertThat(kicked.how()).isEqualTo(PresenceChange.KICKED);
        assertThat(kicked.by()).isEqualTo("bob");
        assertThat(carolSawKick.entry()).isEqualTo(log.entries().get(6));
        assertThat(afterKick).containsOnlyKeys("alice", "bob");
        assertThat(afterLeave).containsOnlyKeys("alice");
        assertThat(carolBack.code()).isEqualTo(org.parley.protocol.chat.ErrorCode.NOT_A_MEMBER);
        assertThat(served(alice, "tea")).isEqualTo(log.entries());
    }

    @Test
    void aDeviceAddedMustBeACurrentDeviceOfTheActorWithThatIdentity() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember alicePhone = RoomMember.anotherDevice(fixture, "alice");
        RoomMember stranger = RoomMember.registered(fixture, "mallory");
        RoomLogBook log = new RoomLogBook("devices");
        log.create(alice, Visibility.PRIVATE);

        Bytes ghost = log.sign(alice, new LogBody.DeviceAdded(alicePhone.deviceId() + 7, alicePhone.identity()));
        ChatEvent.Rejected ghostAnswer = alice.ask(id -> new ChatRequest.AppendRoomLog(id, "devices", ghost),
                ChatEvent.Rejected.class);
        Bytes wrongKey = log.sign(alice, new LogBody.DeviceAdded(alicePhone.deviceId(), stranger.identity()));
        ChatEvent.Rejected wrongKeyAnswer = alice.ask(id -> new ChatRequest.AppendRoomLog(id, "devices", wrongKey),
                ChatEvent.Rejected.class);
        ChatEvent.Accepted added = log.append(alice, new LogBody.DeviceAdded(alicePhone.deviceId(),
                alicePhone.identity()), ChatEvent.Accepted.class);
        ChatEvent.RoomLogAppended phoneSaw = alicePhone.client().awaitEvent(ChatEvent.RoomLogAppended.class,
                e -> e.seq() == 1);

        assertThat(ghostAnswer.code()).isEqualTo(org.parley.protocol.chat.ErrorCode.LOG_REJECTED);
        assertThat(ghostAnswer.detail()).startsWith("LOG_FORBIDDEN");
        assertThat(wrongKeyAnswer.code()).isEqualTo(org.parley.protocol.chat.ErrorCode.LOG_REJECTED);
        assertThat(added.messageId()).isEqualTo(1);
        assertThat(phoneSaw.entry()).isEqualTo(log.entries().get(1));
        assertThat(served(alicePhone, "devices")).isEqualTo(log.entries());
    }

    @Test
    void theAuditLogNamesEachEntrysRoomSeqActionAndActorButNeverItsBytes() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        fixture.registered("bob");
        RoomLogBook log = new RoomLogBook("audited");
        log.create(alice, Visibility.PRIVATE);
        log.append(alice, new LogBody.Invite("bob"), ChatEvent.Accepted.class);
        fixture.registered("carol");
        Bytes carolsKey = DeviceKeys.generate(new java.security.SecureRandom()).identity().signingKey();
        log.append(alice, LogBody.Invite.boundTo("carol", List.of(carolsKey)), ChatEvent.Accepted.class);
        fixture.server().close();

        String audit = java.nio.file.Files.readString(fixture.dataDirectory().resolve("logs").resolve("audit.jsonl"));
        Bytes entry = log.entries().get(1);
        Bytes signature = entry.slice(entry.length() - 64, entry.length());

        assertThat(audit.lines().filter(line -> line.contains("\"event\":\"room_log_appended\"")
                && line.contains("\"seq\":1"))).singleElement().satisfies(line -> assertThat(line)
                .contains("\"room\":\"audited\"", "\"action\":\"invite\"", "\"actor\":\"alice#" + alice.deviceId() + "\""));
        assertThat(audit.lines().filter(line -> line.contains("\"event\":\"room_log_appended\"")
                && line.contains("\"seq\":2"))).singleElement().satisfies(line -> assertThat(line)
                .contains("\"action\":\"invite_devices\"").doesNotContain(carolsKey.toHex()));
        assertThat(audit).doesNotContain(java.util.HexFormat.of().formatHex(signature.toByteArray()))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(signature.toByteArray()));
    }
}
