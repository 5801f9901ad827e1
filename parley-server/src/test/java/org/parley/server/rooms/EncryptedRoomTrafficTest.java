package org.parley.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.Visibility;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.server.ServerLimits;
import org.parley.server.testing.RoomLogBook;
import org.parley.server.testing.RoomMember;
import org.parley.server.testing.ServerFixture;

/**
 * Traffic in encrypted rooms (docs/PROTOCOL.md, Section 14.9): plaintext refused, room envelopes
 * stored and paged back byte for byte, sender keys only to members' current devices, a restart.
 */
class EncryptedRoomTrafficTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    private static Bytes random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return Bytes.wrapOwned(bytes);
    }

    /** alice owns a public encrypted room "open" that bob joined. */
    static RoomLogBook aliceAndBob(RoomMember alice, RoomMember bob) throws Exception {
        RoomLogBook log = new RoomLogBook("open");
        log.create(alice, Visibility.PUBLIC);
        log.append(bob, new LogBody.Join(bob.identity()), ChatEvent.JoinedRoom.class);
        return log;
    }

    @Test
    void textAndEveryPlaintextMembershipRequestAreRefusedAsEncryptedRoom() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomMember carol = RoomMember.registered(fixture, "carol");
        aliceAndBob(alice, bob);
        List<LongFunction<ChatRequest>> byAlice = List.of(
                id -> new ChatRequest.SendRoomMessage(id, "open", ContentType.TEXT, Bytes.utf8("hello")),
                id -> new ChatRequest.Invite(id, "open", "carol"),
                id -> new ChatRequest.Uninvite(id, "open", "carol"),
                id -> new ChatRequest.Kick(id, "open", "bob", ""),
                id -> new ChatRequest.Ban(id, "open", "bob", 0, ""),
                id -> new ChatRequest.Unban(id, "open", "bob"),
                id -> new ChatRequest.SetRole(id, "open", "bob", Role.OP),
                id -> new ChatRequest.LeaveRoom(id, "open"));

        List<ErrorCode> codes = new ArrayList<>();
        for (LongFunction<ChatRequest> request : byAlice) {
            codes.add(alice.ask(request, ChatEvent.Rejected.class).code());
        }
        ChatEvent.Rejected plainJoin = carol.ask(id -> new ChatRequest.JoinRoom(id, "open"), ChatEvent.Rejected.class);
        ChatEvent.JoinedRoom rejoin = bob.ask(id -> new ChatRequest.JoinRoom(id, "open"), ChatEvent.JoinedRoom.class);

        assertThat(codes).hasSize(byAlice.size()).containsOnly(ErrorCode.ENCRYPTED_ROOM);
        assertThat(plainJoin.code()).isEqualTo(ErrorCode.ENCRYPTED_ROOM);
        assertThat(rejoin.members()).hasSize(2);
        assertThat(EncryptedRoomLogTest.roles(alice, "open")).containsOnlyKeys("alice", "bob");
    }

    @Test
    void roomEnvelopesAreStoredFannedOutAndPagedBackByteForByte() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        aliceAndBob(alice, bob);
        Bytes envelope = random(300);

        ChatEvent.Accepted sent = alice.ask(id -> new ChatRequest.SendRoomMessage(id, "open", ContentType.OPAQUE,
                envelope), ChatEvent.Accepted.class);
        ChatEvent.RoomMessage live = bob.client().awaitEvent(ChatEvent.RoomMessage.class,
                m -> m.message().id() == sent.messageId());
        ChatEvent.HistoryPage page = bob.ask(id -> new ChatRequest.FetchHistory(id, new Conversation.InRoom("open"), 0, 10),
                ChatEvent.HistoryPage.class);
        ChatEvent.Rejected tooLarge = alice.ask(id -> new ChatRequest.SendRoomMessage(id, "open", ContentType.OPAQUE,
                random(16_610)), ChatEvent.Rejected.class);

        assertThat(live.message().body()).isEqualTo(envelope);
        assertThat(live.message().contentType()).isEqualTo(ContentType.OPAQUE);
        assertThat(page.messages()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(envelope));
        assertThat(tooLarge.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void senderKeysGoOnlyToCurrentDevicesOfMembersAndARefusalQueuesNothing() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomMember carol = RoomMember.registered(fixture, "carol");
        aliceAndBob(alice, bob);
        EnvelopeTarget toBob = new EnvelopeTarget("bob", bob.deviceId(), Bytes.fromHex("b0b0"));

        ChatEvent.Rejected nonMember = alice.ask(id -> new ChatRequest.SendRoomKeys(id, "open", List.of(toBob,
                new EnvelopeTarget("carol", carol.deviceId(), Bytes.fromHex("cc")))), ChatEvent.Rejected.class);
        ChatEvent.Rejected unknownDevice = alice.ask(id -> new ChatRequest.SendRoomKeys(id, "open", List.of(toBob,
                new EnvelopeTarget("bob", bob.deviceId() + 5, Bytes.fromHex("dd")))), ChatEvent.Rejected.class);
        ChatEvent.Rejected toItself = alice.ask(id -> new ChatRequest.SendRoomKeys(id, "open", List.of(
                new EnvelopeTarget("alice", alice.deviceId(), Bytes.fromHex("aa")))), ChatEvent.Rejected.class);
        ChatEvent.Rejected twice = alice.ask(id -> new ChatRequest.SendRoomKeys(id, "open", List.of(toBob, toBob)),
                ChatEvent.Rejected.class);
        ChatEvent.EnvelopePage beforeSend = bob.ask(id -> new ChatRequest.FetchEnvelopes(id, 0), ChatEvent.EnvelopePage.class);
        ChatEvent.Accepted sent = alice.ask(id -> new ChatRequest.SendRoomKeys(id, "open", List.of(toBob)),
                ChatEvent.Accepted.class);
        ChatEvent.EnvelopeBatch atBob = bob.client().awaitEvent(ChatEvent.EnvelopeBatch.class,
                b -> !b.envelopes().isEmpty());
        ChatEvent.EnvelopePage atCarol = carol.ask(id -> new ChatRequest.FetchEnvelopes(id, 0), ChatEvent.EnvelopePage.class);

        assertThat(nonMember.code()).isEqualTo(ErrorCode.NO_SUCH_DEVICE);
        assertThat(unknownDevice.code()).isEqualTo(ErrorCode.NO_SUCH_DEVICE);
        assertThat(toItself.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(twice.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(beforeSend.envelopes()).isEmpty();
        assertThat(atBob.envelopes()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(sent.messageId());
            assertThat(e.fromUser()).isEqualTo("alice");
            assertThat(e.fromDevice()).isEqualTo(alice.deviceId());
            assertThat(e.envelope()).isEqualTo(Bytes.fromHex("b0b0"));
        });
        assertThat(atCarol.envelopes()).isEmpty();
    }

    @Test
    void aRestartKeepsTheLogsAndTheEncryptedFlagAndAppendsContinue() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomLogBook log = aliceAndBob(alice, bob);

        fixture.restart();
        RoomMember aliceAgain = alice.reconnect(fixture);
        ChatEvent.JoinedRoom rejoined = aliceAgain.ask(id -> new ChatRequest.JoinRoom(id, "open"), ChatEvent.JoinedRoom.class);
        List<Bytes> served = EncryptedRoomLogTest.served(aliceAgain, "open");
        log.append(aliceAgain, new LogBody.Kick("bob"), ChatEvent.Accepted.class);

        assertThat(rejoined.room().encrypted()).isTrue();
        assertThat(served).isEqualTo(log.entries().subList(0, 2));
        assertThat(EncryptedRoomLogTest.roles(aliceAgain, "open")).containsOnlyKeys("alice");
        assertThat(aliceAgain.ask(id -> new ChatRequest.ListMembers(id, Optional.of("open")), ChatEvent.MemberList.class)
                .members()).hasSize(1);
    }
}
