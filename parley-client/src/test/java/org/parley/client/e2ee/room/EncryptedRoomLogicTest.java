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
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RoomError;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;

/** The client's encrypted-room logic (log keeping, sender keys, messages, storage) against an in-memory server. */
class EncryptedRoomLogicTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;
    private RoomMember carol;

    @BeforeEach
    void threeDevices() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        carol = new RoomMember(hub, base, "carol", 1, random);
    }

    @Test
    void threeMembersChatAndTheKickedOneCannotReadAnythingSentAfterTheKick() throws Exception {
        roomOfThree();
        alice.send(ROOM, "hello all");
        bob.receive(ROOM);
        carol.receive(ROOM);
        bob.send(ROOM, "hi alice");
        alice.receive(ROOM);
        carol.receive(ROOM);
        assertThat(bob.texts()).containsExactly("hello all");
        assertThat(carol.texts()).containsExactly("hello all", "hi alice");
        assertThat(alice.texts()).containsExactly("hi alice");

        alice.logs.change(alice.server, ROOM, new LogBody.Kick("carol"));
        int keysBefore = hub.keys.size();
        bob.logs.refresh(bob.server, bob.rooms.find(ROOM, bob.self).orElseThrow());
        alice.send(ROOM, "after the kick");
        bob.send(ROOM, "bob after the kick");
        // carol's device keeps its state and reads every envelope the server fans out, without refreshing its log.
        carol.receive(ROOM);
        bob.receive(ROOM);

        assertThat(hub.keys.subList(Math.min(keysBefore, hub.keys.size()), hub.keys.size()))
                .noneMatch(sealed -> sealed.to().user().equals("carol"));
        assertThat(carol.texts()).containsExactly("hello all", "hi alice");
        assertThat(bob.texts()).containsExactly("hello all", "after the kick");
        assertThat(alice.notices()).contains(RoomNoticeKind.KICKED, RoomNoticeKind.REKEYED);
    }

    @Test
    void aNewMemberReadsFromTheirJoinOnAndNothingEarlier() throws Exception {
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        alice.send(ROOM, "before bob");
        bob.logs.join(bob.server, ROOM, null);
        bob.receive(ROOM);
        alice.send(ROOM, "after bob joined");
        bob.receive(ROOM);

        assertThat(bob.texts()).containsExactly("after bob joined");
        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::text).containsExactly("after bob joined");
        assertThat(bob.notices()).contains(RoomNoticeKind.HISTORY_NOT_SHARED);
        assertThat(bob.problems()).isEmpty();
    }

    @Test
    void aRestartedDeviceKeepsItsRoomsHistoryAndKeys() throws Exception {
        roomOfAliceAndBob();
        alice.send(ROOM, "one");
        bob.receive(ROOM);
        bob.send(ROOM, "two");

        bob.open(random);
        alice.send(ROOM, "three");
        bob.receive(ROOM);
        bob.send(ROOM, "four");
        alice.receive(ROOM);

        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::text).containsExactly("one", "two", "three", "four");
        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::outgoing).containsExactly(false, true, false, true);
        assertThat(alice.texts()).containsExactly("two", "four");
        assertThat(bob.rooms.isEncrypted(ROOM)).isTrue();
    }

    @Test
    void aReplayedMessageIsRefusedVisiblyAndARedeliveryIsIgnored() throws Exception {
        roomOfAliceAndBob();
        alice.send(ROOM, "m1");
        alice.send(ROOM, "m2");
        bob.receive(ROOM);
        bob.events.clear();
        StoredMessage m2 = hub.messages.get(ROOM).get(1);

        bob.traffic.received(bob.server, ROOM, m2);
        assertThat(bob.events).isEmpty();
        bob.traffic.received(bob.server, ROOM, new StoredMessage(99, 0, m2.from(), m2.contentType(), m2.body()));

        assertThat(bob.texts()).isEmpty();
        assertThat(bob.problems()).containsExactly(RoomError.DUPLICATE_MESSAGE);
        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::text).containsExactly("m1", "m2");
    }

    @Test
    void aTruncatedEnvelopeAndOneUnderAnotherSendersNameAreRefusedVisiblyAndTheNextMessageStillDecrypts() throws Exception {
        roomOfAliceAndBob();
        alice.send(ROOM, "genuine");
        bob.receive(ROOM);
        alice.send(ROOM, "relabelled");
        StoredMessage relabelled = hub.messages.get(ROOM).getLast();

        bob.traffic.received(bob.server, ROOM, new StoredMessage(90, 0, "alice", relabelled.contentType(),
                relabelled.body().slice(0, 20)));
        bob.traffic.received(bob.server, ROOM, new StoredMessage(91, 0, "mallory", relabelled.contentType(),
                relabelled.body()));
        bob.receive(ROOM);

        assertThat(bob.problems()).containsExactly(RoomError.MALFORMED, RoomError.NOT_A_MEMBER);
        assertThat(bob.texts()).containsExactly("genuine", "relabelled");
    }

    @Test
    void messagesDeliveredInReverseOrderAllDecrypt() throws Exception {
        roomOfAliceAndBob();
        alice.send(ROOM, "m1");
        alice.send(ROOM, "m2");
        alice.send(ROOM, "m3");
        for (RoomHub.Sealed sealed : List.copyOf(hub.keys)) {
            bob.traffic.distribution(bob.server, sealed.from(), sealed.fromIdentity(), sealed.inner());
        }
        List<StoredMessage> sent = hub.messages.get(ROOM);
        bob.traffic.received(bob.server, ROOM, sent.get(2));
        bob.traffic.received(bob.server, ROOM, sent.get(0));
        bob.traffic.received(bob.server, ROOM, sent.get(1));

        assertThat(bob.texts()).containsExactly("m3", "m1", "m2");
        assertThat(bob.problems()).isEmpty();
    }

    @Test
    void aDeviceThatWasAwayCatchesUpFromTheStoredMessagesOnce() throws Exception {
        roomOfAliceAndBob();
        alice.send(ROOM, "seen live");
        bob.receive(ROOM);
        alice.send(ROOM, "while away 1");
        alice.send(ROOM, "while away 2");
        for (RoomHub.Sealed sealed : List.copyOf(hub.keys)) {
            bob.traffic.distribution(bob.server, sealed.from(), sealed.fromIdentity(), sealed.inner());
        }
        hub.keys.clear();

        HeldRoom held = bob.rooms.find(ROOM, bob.self).orElseThrow();
        bob.traffic.catchUp(bob.server, held);
        bob.traffic.catchUp(bob.server, held);

        assertThat(bob.texts()).containsExactly("seen live", "while away 1", "while away 2");
        assertThat(bob.problems()).isEmpty();
    }

    @Test
    void anEntryThatLostTheRaceIsMadeAgainOnTheNewHead() throws Exception {
        roomOfThree();
        // bob's device has not seen alice's role change yet when it appends.
        alice.logs.change(alice.server, ROOM, new LogBody.RoleChange("bob", org.parley.e2ee.group.Role.OPERATOR));
        bob.logs.change(bob.server, ROOM, new LogBody.Leave());

        assertThat(hub.logs.get(ROOM)).hasSize(7);
        assertThat(bob.notices()).contains(RoomNoticeKind.ROLE_CHANGED, RoomNoticeKind.LEFT, RoomNoticeKind.NO_LONGER_MEMBER);
        assertThatThrownBy(() -> bob.send(ROOM, "gone")).isInstanceOf(EndToEndException.class);
    }

    @Test
    void aChangeTheRulesForbidIsRefusedLocallyAndNothingIsSent() throws Exception {
        roomOfThree();
        int size = hub.logs.get(ROOM).size();

        assertThatThrownBy(() -> bob.logs.change(bob.server, ROOM, new LogBody.Kick("alice")))
                .isInstanceOf(EndToEndException.class).hasMessageContaining("rules");
        assertThat(hub.logs.get(ROOM)).hasSize(size);
    }

    @Test
    void aSenderKeySendWhoseAnswerWasLostIsFollowedByAChainTheOthersAccept() throws Exception {
        roomOfAliceAndBob();
        alice.logs.refresh(alice.server, alice.rooms.find(ROOM, alice.self).orElseThrow());
        RoomServer answerLost = new RoomServer() {
            @Override
            public org.parley.protocol.chat.ChatEvent.JoinedRoom join(String room) throws Exception {
                return alice.server.join(room);
            }

            @Override
            public org.parley.protocol.chat.ChatEvent.JoinedRoom create(String room, RoomVisibility visibility,
                    org.parley.crypto.Bytes genesis) throws Exception {
                return alice.server.create(room, visibility, genesis);
            }

            @Override
            public org.parley.protocol.chat.ChatEvent.Answer append(String room, org.parley.crypto.Bytes entry)
                    throws Exception {
                return alice.server.append(room, entry);
            }

            @Override
            public List<org.parley.crypto.Bytes> fetchLog(String room, long fromSeq) throws Exception {
                return alice.server.fetchLog(room, fromSeq);
            }

            @Override
            public void sendKeys(String room, List<org.parley.protocol.chat.EnvelopeTarget> envelopes) throws Exception {
                // The keys reach bob (the modelled pairwise layer kept them); the connection drops before the answer.
                throw new java.io.IOException("connection lost before the answer");
            }

            @Override
            public org.parley.protocol.chat.ChatEvent.HistoryPage history(String room, long beforeId, int limit)
                    throws Exception {
                return alice.server.history(room, beforeId, limit);
            }

            @Override
            public long sendEnvelope(String room, org.parley.crypto.Bytes envelope,
                    org.parley.protocol.chat.SendId sendId) throws Exception {
                return alice.server.sendEnvelope(room, envelope, sendId);
            }
        };
        assertThatThrownBy(() -> alice.traffic.send(answerLost, alice.pairwise(), ROOM, "lost with the connection",
                new java.util.concurrent.CompletableFuture<>()))
                .isInstanceOf(java.io.IOException.class);

        alice.send(ROOM, "sent after the reconnect");
        bob.receive(ROOM);

        assertThat(bob.problems()).isEmpty();
        assertThat(bob.texts()).containsExactly("sent after the reconnect");
    }

    /** Alice's private room, which bob joined on her invitation. */
    private void roomOfAliceAndBob() throws Exception {
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        bob.logs.join(bob.server, ROOM, null);
    }

    private void roomOfThree() throws Exception {
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("carol"));
        bob.logs.join(bob.server, ROOM, null);
        carol.logs.join(carol.server, ROOM, null);
        alice.logs.refresh(alice.server, alice.rooms.find(ROOM, alice.self).orElseThrow());
        bob.logs.refresh(bob.server, bob.rooms.find(ROOM, bob.self).orElseThrow());
    }
}
