package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.ServerFixture.join;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.chat.CreationLimits;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** Private rooms over real connections: invitations, kicks, owners leaving, what outsiders learn, creation limits. */
class PrivateRoomTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    private static ChatEvent answer(TestClient client, long id) {
        return client.awaitEvent(ChatEvent.class, e -> switch (e) {
            case ChatEvent.Accepted a -> a.requestId() == id;
            case ChatEvent.Rejected r -> r.requestId() == id;
            case ChatEvent.JoinedRoom j -> j.requestId() == id;
            case ChatEvent.MemberList m -> m.requestId() == id;
            case ChatEvent.HistoryPage h -> h.requestId() == id;
            default -> false;
        });
    }

    private static ChatEvent ask(TestClient client, LongFunction<ChatRequest> request) throws Exception {
        return answer(client, client.request(request));
    }

    private static ErrorCode refusal(TestClient client, LongFunction<ChatRequest> request) throws Exception {
        ChatEvent answer = ask(client, request);
        assertThat(answer).isInstanceOf(ChatEvent.Rejected.class);
        return ((ChatEvent.Rejected) answer).code();
    }

    private static void createPrivate(TestClient owner, String room) throws Exception {
        assertThat(ask(owner, id -> new ChatRequest.CreateRoom(id, room, RoomVisibility.PRIVATE)))
                .isInstanceOf(ChatEvent.JoinedRoom.class);
    }

    private static Role roleOf(TestClient asker, String room, String user) throws Exception {
        ChatEvent list = ask(asker, id -> new ChatRequest.ListMembers(id, Optional.of(room)));
        return ((ChatEvent.MemberList) list).members().stream().filter(m -> m.user().equals(user))
                .map(MemberInfo::role).findFirst().orElse(Role.NONE);
    }

    @Test
    void aKickedUserCannotRejoinAPrivateRoomNorReadItsHistory() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        createPrivate(alice, "Den");
        assertThat(ask(alice, id -> new ChatRequest.Invite(id, "Den", "bob"))).isInstanceOf(ChatEvent.Accepted.class);
        join(bob, "Den");
        assertThat(ask(alice, id -> new ChatRequest.Kick(id, "Den", "bob", "out"))).isInstanceOf(ChatEvent.Accepted.class);
        alice.say("Den", "said after the kick");

        assertThat(refusal(bob, id -> new ChatRequest.JoinRoom(id, "Den"))).isEqualTo(ErrorCode.NO_SUCH_ROOM);
        assertThat(refusal(bob, id -> new ChatRequest.FetchHistory(id, new Conversation.InRoom("Den"), 0, 50)))
                .isEqualTo(ErrorCode.NO_SUCH_ROOM);
        assertThat(bob.events(ChatEvent.RoomMessage.class)).noneMatch(m -> m.room().equals("Den")
                && new String(m.message().body().toByteArray(), java.nio.charset.StandardCharsets.UTF_8)
                        .equals("said after the kick"));
    }

    @Test
    void aWithdrawnInvitationNoLongerLetsTheUserIn() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        createPrivate(alice, "Den");
        ask(alice, id -> new ChatRequest.Invite(id, "Den", "bob"));

        assertThat(ask(alice, id -> new ChatRequest.Uninvite(id, "Den", "bob"))).isInstanceOf(ChatEvent.Accepted.class);

        assertThat(refusal(bob, id -> new ChatRequest.JoinRoom(id, "Den"))).isEqualTo(ErrorCode.NO_SUCH_ROOM);
        assertThat(ask(alice, id -> new ChatRequest.Uninvite(id, "Den", "bob")))
                .as("withdrawing again is harmless").isInstanceOf(ChatEvent.Accepted.class);
    }

    @Test
    void onlyTheOwnerOrAnOperatorMayWithdrawAnInvitation() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        fixture.registered("carol");
        createPrivate(alice, "Den");
        ask(alice, id -> new ChatRequest.Invite(id, "Den", "bob"));
        ask(alice, id -> new ChatRequest.Invite(id, "Den", "carol"));
        join(bob, "Den");

        assertThat(refusal(bob, id -> new ChatRequest.Uninvite(id, "Den", "carol"))).isEqualTo(ErrorCode.NOT_PERMITTED);
    }

    @Test
    void anOwnerWhoLeavesTheirEmptyPrivateRoomCanComeBackAsItsOwner() throws Exception {
        TestClient alice = fixture.registered("alice");
        createPrivate(alice, "Den");
        assertThat(ask(alice, id -> new ChatRequest.LeaveRoom(id, "Den"))).isInstanceOf(ChatEvent.Accepted.class);

        ChatEvent.JoinedRoom back = join(alice, "Den");

        assertThat(back.members()).singleElement().satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
    }

    @Test
    void anOwnerWhoLeavesPassesOwnershipToAnOperatorBeforeAMember() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        TestClient carol = fixture.registered("carol");
        createPrivate(alice, "Den");
        for (String user : List.of("bob", "carol")) {
            ask(alice, id -> new ChatRequest.Invite(id, "Den", user));
        }
        join(bob, "Den");
        join(carol, "Den");
        ask(alice, id -> new ChatRequest.SetRole(id, "Den", "carol", Role.OP));

        ask(alice, id -> new ChatRequest.LeaveRoom(id, "Den"));

        assertThat(roleOf(bob, "Den", "carol")).isEqualTo(Role.OWNER);
        assertThat(ask(carol, id -> new ChatRequest.SetRole(id, "Den", "bob", Role.OP)))
                .as("the new owner may do what only an owner may").isInstanceOf(ChatEvent.Accepted.class);
        assertThat(refusal(alice, id -> new ChatRequest.JoinRoom(id, "Den")))
                .as("the old owner is now an outsider").isEqualTo(ErrorCode.NO_SUCH_ROOM);
    }

    @Test
    void anOutsiderGetsTheSameAnswerForAPrivateRoomAsForARoomThatDoesNotExist() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient mallory = fixture.registered("mallory");
        createPrivate(alice, "Den");
        for (String room : List.of("Den", "Nowhere")) {
            List<LongFunction<ChatRequest>> probes = List.of(
                    id -> new ChatRequest.JoinRoom(id, room),
                    id -> new ChatRequest.ListMembers(id, Optional.of(room)),
                    id -> new ChatRequest.FetchHistory(id, new Conversation.InRoom(room), 0, 10),
                    id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, Bytes.utf8("hi")),
                    id -> new ChatRequest.SetTopic(id, room, "mine"),
                    id -> new ChatRequest.Invite(id, room, "mallory"),
                    id -> new ChatRequest.Kick(id, room, "alice", ""),
                    id -> new ChatRequest.LeaveRoom(id, room));
            for (LongFunction<ChatRequest> probe : probes) {
                ChatEvent answer = ask(mallory, probe);
                assertThat(answer).as(room).isEqualTo(new ChatEvent.Rejected(((ChatEvent.Rejected) answer).requestId(),
                        ErrorCode.NO_SUCH_ROOM, "there is no room of that name"));
            }
        }
    }

    @Test
    void anAccountCannotOwnMoreRoomsOrHoldMoreInvitationsThanTheOperatorAllows() throws Exception {
        fixture.restartWith(ServerLimits.defaults().withCreation(new CreationLimits(2, 1)));
        TestClient alice = fixture.registered("alice");
        fixture.registered("bob");
        fixture.registered("carol");
        createPrivate(alice, "One");
        createPrivate(alice, "Two");

        ChatEvent third = ask(alice, id -> new ChatRequest.CreateRoom(id, "Three", RoomVisibility.PUBLIC));
        assertThat(third).isInstanceOfSatisfying(ChatEvent.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.NOT_PERMITTED);
            assertThat(r.detail()).contains("at most 2 rooms").contains("limits.max-rooms-per-account");
        });
        assertThat(ask(alice, id -> new ChatRequest.Invite(id, "One", "bob"))).isInstanceOf(ChatEvent.Accepted.class);
        ChatEvent second = ask(alice, id -> new ChatRequest.Invite(id, "Two", "carol"));
        assertThat(second).isInstanceOfSatisfying(ChatEvent.Rejected.class,
                r -> assertThat(r.detail()).contains("limits.max-invites-per-account"));
        ask(alice, id -> new ChatRequest.Uninvite(id, "One", "bob"));
        assertThat(ask(alice, id -> new ChatRequest.Invite(id, "Two", "carol")))
                .as("a withdrawn invitation no longer counts").isInstanceOf(ChatEvent.Accepted.class);
    }

    @Test
    void roomsAndInvitationsSurviveARestart() throws Exception {
        TestClient alice = fixture.registered("alice");
        fixture.registered("bob");
        createPrivate(alice, "Den");
        ask(alice, id -> new ChatRequest.Invite(id, "Den", "bob"));
        ask(alice, id -> new ChatRequest.SetTopic(id, "Den", "kept"));

        fixture.restart();
        TestClient bob = fixture.connect();
        bob.login("bob", ServerFixture.PASSWORD.toCharArray());
        ChatEvent.JoinedRoom joined = join(bob, "Den");

        assertThat(joined.room().topic()).isEqualTo("kept");
        assertThat(joined.members()).extracting(MemberInfo::user).containsExactly("alice", "bob");
    }
}
