package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;
import org.junit.jupiter.api.Test;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.RoomRecord;

/**
 * The fan-out of several committed room messages at once ({@link Rooms#broadcastVisible}): each
 * recipient gets what it may see now as one unit, in commit order; a sender's own message and
 * everything after it wait for its acknowledgement ({@link SenderEchoes}); the receipt runs once
 * every recipient wrote its part; a sender's answer and its own copy leave as one unit. Only the parts of the chat context the fan-out uses are given.
 */
class GroupFanOutTest {
    private final OnlineUsers online = new OnlineUsers();
    private final Rooms rooms = new Rooms(new ChatContext(null, null, null, null, online, null, null, null, 0, 0,
            ServerMetrics.off()));
    private final RoomState room = new RoomState(new RoomRecord("Lobby", "lobby", "", RoomVisibility.PUBLIC, "", 0));
    private final UnitLink aliceLink = new UnitLink();
    private final UnitLink bobLink = new UnitLink();
    private final UnitLink carolLink = new UnitLink();
    private final ChatSession alice = join(1, "alice", aliceLink);
    private final ChatSession bob = join(2, "bob", bobLink);
    private final ChatSession carol = join(3, "carol", carolLink);

    private ChatSession join(long id, String name, UnitLink link) {
        ChatSession session = new ChatSession(id, name, name, "127.0.0.1", link);
        online.add(session, () -> { });
        room.putMember(name, Role.MEMBER, true);
        return session;
    }

    private static ChatEvent.Accepted accepted(long messageId) {
        return new ChatEvent.Accepted(100 + messageId, messageId);
    }

    private static ChatEvent.RoomMessage message(long id, ChatSession from) {
        return new ChatEvent.RoomMessage("Lobby", new StoredMessage(id, 0, from.user(), ContentType.TEXT,
                Bytes.utf8("message " + id)), false);
    }

    @Test
    void eachRecipientGetsWhatItMaySeeAsOneUnitAndEachSenderWaitsFromItsOwnMessageOn() {
        List<ChatEvent.RoomMessage> group = List.of(message(1, alice), message(2, bob), message(3, alice));

        int deliveries = rooms.broadcastVisible(room, List.of(alice, bob, alice), group, () -> { });

        assertThat(deliveries).isEqualTo(9);
        assertThat(carolLink.units).containsExactly(List.of("m1", "m2", "m3"));
        assertThat(bobLink.units).containsExactly(List.of("m1"));
        assertThat(aliceLink.units).isEmpty();
    }

    @Test
    void heldMessagesFollowEachSendersAcknowledgementsInIdOrder() {
        rooms.broadcastVisible(room, List.of(alice, bob, alice), List.of(message(1, alice), message(2, bob),
                message(3, alice)), () -> { });

        room.senderEchoes().acknowledged(alice, 1, accepted(1), true);
        room.senderEchoes().acknowledged(bob, 2, accepted(2), true);
        room.senderEchoes().acknowledged(alice, 3, accepted(3), true);

        assertThat(aliceLink.labels()).containsExactly("a1", "m1", "a3", "m2", "m3");
        assertThat(bobLink.labels()).containsExactly("m1", "a2", "m2", "m3");
        assertThat(carolLink.labels()).containsExactly("m1", "m2", "m3");
    }

    @Test
    void aSenderStillWaitingFromAnEarlierGroupGetsNothingOfTheNextOneUntilItsAcknowledgement() {
        rooms.broadcastVisible(room, List.of(alice), List.of(message(1, alice)), () -> { });
        rooms.broadcastVisible(room, List.of(bob, carol), List.of(message(2, bob), message(3, carol)), () -> { });

        assertThat(aliceLink.labels()).isEmpty();
        assertThat(carolLink.units).containsExactly(List.of("m1"), List.of("m2"));
        room.senderEchoes().acknowledged(alice, 1, accepted(1), true);
        assertThat(aliceLink.labels()).containsExactly("a1", "m1", "m2", "m3");
    }

    @Test
    void theAnswerAndTheSendersOwnCopyLeaveAsOneUnitAnswerFirst() {
        rooms.broadcastVisible(room, List.of(alice), List.of(message(1, alice)), () -> { });

        room.senderEchoes().acknowledged(alice, 1, accepted(1), true);

        assertThat(aliceLink.units).containsExactly(List.of("a1", "m1"));
    }

    @Test
    void aFailedCommitsRefusalComesAloneAndTheMessagesHeldBehindItFollowInTheSameUnit() {
        rooms.broadcastVisible(room, List.of(alice, bob), List.of(message(1, alice), message(2, bob)), () -> { });

        room.senderEchoes().acknowledged(alice, 1,
                new ChatEvent.Rejected(7, ErrorCode.INTERNAL, "internal server error"), false);

        assertThat(aliceLink.units).containsExactly(List.of("r7", "m2"));
    }

    @Test
    void anAnswerForASenderWithNothingHeldIsDeliveredAlone() {
        room.senderEchoes().acknowledged(carol, 5, accepted(5), true);

        assertThat(carolLink.units).containsExactly(List.of("a5"));
    }

    @Test
    void theReceiptRunsOnceEveryRecipientWroteItsPartAndNotBefore() {
        aliceLink.holdWrites = true;
        bobLink.holdWrites = true;
        AtomicInteger receipts = new AtomicInteger();

        rooms.broadcastVisible(room, List.of(carol, carol), List.of(message(1, carol), message(2, carol)),
                receipts::incrementAndGet);

        assertThat(receipts).hasValue(0);
        aliceLink.writeAll();
        assertThat(receipts).hasValue(0);
        bobLink.writeAll();
        assertThat(receipts).hasValue(1);
    }

    /** Records each unit of room messages as the ids it held; can hold back its {@code written} callbacks. */
    private static final class UnitLink implements SessionLink {
        final List<List<String>> units = new ArrayList<>();
        final List<Runnable> unwritten = new ArrayList<>();
        boolean holdWrites;

        @Override
        public void deliver(ChatEvent event) {
            units.add(List.of(label(event)));
        }

        @Override
        public void deliverEncoded(List<? extends ChatEvent> events, List<Bytes> encodings, Runnable written) {
            assertThat(encodings).hasSameSizeAs(events);
            for (int i = 0; i < events.size(); i++) {
                assertThat(encodings.get(i)).isEqualTo(ChatCodec.encode(events.get(i)));
            }
            units.add(events.stream().map(UnitLink::label).toList());
            if (holdWrites) {
                unwritten.add(written);
            } else {
                written.run();
            }
        }

        void writeAll() {
            unwritten.forEach(Runnable::run);
            unwritten.clear();
        }

        List<String> labels() {
            return units.stream().flatMap(List::stream).toList();
        }

        /** "m" and the id of a room message, "a" and the message id of an Accepted, "r" and the request id of a Rejected. */
        private static String label(ChatEvent event) {
            return switch (event) {
                case ChatEvent.RoomMessage message -> "m" + message.message().id();
                case ChatEvent.Accepted accepted -> "a" + accepted.messageId();
                case ChatEvent.Rejected rejected -> "r" + rejected.requestId();
                default -> throw new AssertionError("unexpected event " + event.getClass().getSimpleName());
            };
        }

        @Override
        public void close(String reason) {
        }
    }
}
