package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;

/**
 * An end-to-end message sent from here, without a window: shown at once as pending with the lock,
 * then, when its future completes, the message it returned, in place and once.
 */
class PendingEndToEndLinesTest {
    private static final Instant AT = Instant.parse("2026-12-05T04:30:00Z");
    private final ChatModel model = new ChatModel(new I18n(Locale.ENGLISH));

    PendingEndToEndLinesTest() {
        model.setMe("alice");
    }

    @Test
    void aPrivateMessageShowsAtOnceWithTheLockAndBecomesTheDeliveredMessageInPlace() {
        ConversationState bob = model.open(new Conversation.WithUser("bob"));
        model.applyE2e(new org.parley.client.e2ee.E2eEvent.Message(privately("bob", false, "01", "hi")));
        LineWatch watch = new LineWatch(bob.lines(), "psst");

        PendingLines.Send send = model.pending().sending(bob, "psst", true);
        assertThat(bob.lines().getLast()).extracting(ChatLine::text, ChatLine::protection, ChatLine::delivery)
                .containsExactly("psst", ChatLine.Protection.END_TO_END, new Delivery.Pending(false));
        model.pending().sent(send, privately("alice", true, "02", "psst"));

        assertThat(bob.lines()).extracting(ChatLine::kind, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(ChatLine.Kind.PRIVATE, "hi", Delivery.SHOWN), tuple(ChatLine.Kind.OWN, "psst", Delivery.SHOWN));
        assertThat(bob.lines().getLast().time()).isEqualTo(AT);
        assertThat(watch.most()).isEqualTo(1);
        assertThat(watch.indexes()).containsExactly(1);
    }

    @Test
    void aPrivateMessageTheLocalHistoryShowedBeforeItsFutureCompletedIsShownOnce() {
        ConversationState bob = model.open(new Conversation.WithUser("bob"));
        PendingLines.Send send = model.pending().sending(bob, "psst", true);
        assertThat(bob.lines()).extracting(ChatLine::text, ChatLine::inFlight).containsExactly(tuple("psst", true));
        E2eMessage delivered = privately("alice", true, "02", "psst");

        model.e2eHistory(bob, List.of(delivered));
        model.pending().sent(send, delivered);

        assertThat(bob.lines()).extracting(ChatLine::text, ChatLine::delivery).containsExactly(tuple("psst", Delivery.SHOWN));
    }

    @Test
    void anEncryptedRoomMessageShowsAtOnceAndBecomesTheMessageTheRoomReturnedInPlace() {
        ConversationState team = model.joined(new ChatEvent.JoinedRoom(1, new RoomInfo("team", "", RoomVisibility.PRIVATE, true, 1, 1),
                List.of(new MemberInfo("alice", Role.OWNER, 1))));
        LineWatch watch = new LineWatch(team.lines(), "hello");

        PendingLines.Send send = model.pending().sending(team, "hello", true);
        assertThat(team.lines()).extracting(ChatLine::text, ChatLine::inFlight).containsExactly(tuple("hello", true));
        model.applyRoom(new org.parley.client.e2ee.room.RoomEvent.Message(
                new E2eRoomMessage("team", "bob", 2, false, "01", 0, 1, AT, "meanwhile")));
        model.pending().sent(send, new E2eRoomMessage("team", "alice", 1, true, "02", 0, 1, AT, "hello"));

        assertThat(team.lines()).extracting(ChatLine::text, ChatLine::protection, ChatLine::delivery).containsExactly(
                tuple("meanwhile", ChatLine.Protection.END_TO_END, Delivery.SHOWN),
                tuple("hello", ChatLine.Protection.END_TO_END, Delivery.SHOWN));
        assertThat(watch.most()).isEqualTo(1);
        assertThat(watch.indexes()).containsExactly(0, 1);
    }

    private static E2eMessage privately(String from, boolean outgoing, String id, String text) {
        return new E2eMessage("bob", from, 1, outgoing, E2eSuite.values()[0], id, AT, text);
    }
}
