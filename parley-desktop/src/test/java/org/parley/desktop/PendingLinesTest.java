package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;

/**
 * A plaintext room message sent from here, without a window: shown at once as pending, then the
 * real message in place (whichever of the server's echo and answer comes first), or a failed line.
 */
class PendingLinesTest {
    private final ChatModel model = new ChatModel(new I18n(Locale.ENGLISH));
    private final ConversationState lobby;

    PendingLinesTest() {
        model.setMe("alice");
        lobby = model.joined(new ChatEvent.JoinedRoom(1, new RoomInfo("Lobby", "", RoomVisibility.PUBLIC, false, 2, 2),
                List.of(new MemberInfo("alice", Role.MEMBER, 1), new MemberInfo("bob", Role.MEMBER, 1))));
        receive(message(1, "bob", "hi"));
    }

    @Test
    void aMessageBeingSentShowsAtOnceAtTheEndAsTheUsersOwnGreyedAsPending() {
        model.pending().sending(lobby, "hello", false);

        assertThat(lobby.lines()).extracting(ChatLine::text).containsExactly("hi", "hello");
        ChatLine line = lobby.lines().getLast();
        assertThat(line.kind()).isEqualTo(ChatLine.Kind.OWN);
        assertThat(line.from()).isEqualTo("alice");
        assertThat(line.delivery()).isEqualTo(new Delivery.Pending(false));
        assertThat(line.inFlight()).isTrue();
    }

    @Test
    void theEchoBeforeTheAnswerReplacesThePendingLineInPlaceAndTheAnswerAddsNothing() {
        LineWatch watch = new LineWatch(lobby.lines(), "hello");
        PendingLines.Send send = model.pending().sending(lobby, "hello", false);
        assertThat(lobby.lines().getLast()).extracting(ChatLine::text, ChatLine::inFlight).containsExactly("hello", true);

        receive(message(7, "alice", "hello"));
        model.pending().stored(send, 7);

        assertThat(lobby.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(1L, "hi", Delivery.SHOWN), tuple(7L, "hello", Delivery.SHOWN));
        assertThat(lobby.lines().getLast().time()).isEqualTo(serverTime(7));
        assertThat(watch.most()).isEqualTo(1);
        assertThat(watch.indexes()).containsExactly(1);
    }

    @Test
    void theAnswerBeforeTheEchoConfirmsTheLineWithItsIdAndTheEchoThenBringsTheServersTime() {
        LineWatch watch = new LineWatch(lobby.lines(), "hello");
        PendingLines.Send send = model.pending().sending(lobby, "hello", false);

        model.pending().stored(send, 7);
        assertThat(lobby.lines().getLast()).extracting(ChatLine::id, ChatLine::delivery).containsExactly(7L, Delivery.SHOWN);
        receive(message(7, "alice", "hello"));

        assertThat(lobby.lines()).extracting(ChatLine::id, ChatLine::text).containsExactly(tuple(1L, "hi"), tuple(7L, "hello"));
        assertThat(lobby.lines().getLast().time()).isEqualTo(serverTime(7));
        assertThat(watch.most()).isEqualTo(1);
        assertThat(watch.indexes()).containsExactly(1);
    }

    @Test
    void whatArrivesWhileMessagesAreSentGoesAboveThemAndTheyKeepTheOrderTheyWereSentIn() {
        PendingLines.Send first = model.pending().sending(lobby, "first", false);
        model.pending().sending(lobby, "second", false);

        receive(message(2, "bob", "meanwhile"));
        model.apply(new ChatEvent.TopicChanged("Lobby", "news", "bob"));
        receive(message(3, "alice", "first"));
        model.pending().stored(first, 3);
        receive(message(4, "bob", "later"));

        assertThat(lobby.lines()).extracting(ChatLine::text, ChatLine::inFlight).containsExactly(
                tuple("hi", false), tuple("meanwhile", false), tuple("bob set the topic: news", false),
                tuple("first", false), tuple("later", false), tuple("second", true));
    }

    @Test
    void aRefusedMessageTurnsIntoAFailedLineWithTheReasonAndNoSeparateNotice() {
        PendingLines.Send send = model.pending().sending(lobby, "hello", false);

        model.pending().refused(send, "You are sending too fast.");
        receive(message(2, "bob", "after"));

        assertThat(lobby.lines()).extracting(ChatLine::text, ChatLine::delivery).containsExactly(
                tuple("hi", Delivery.SHOWN), tuple("hello", new Delivery.Refused("You are sending too fast.")),
                tuple("after", Delivery.SHOWN));
        assertThat(lobby.lines()).noneMatch(l -> l.kind() == ChatLine.Kind.NOTICE);
        assertThat(DeliveryText.status(new I18n(Locale.ENGLISH), lobby.lines().get(1).delivery())).hasValueSatisfying(
                status -> assertThat(status).contains("Not sent: You are sending too fast.").contains("back in the input box"));
    }

    @Test
    void aMessageNeverConfirmedSaysOnItsLineThatItMayOrMayNotHaveBeenDelivered() {
        PendingLines.Send send = model.pending().sending(lobby, "hello", false);

        model.pending().unconfirmed(send);

        assertThat(lobby.lines()).extracting(ChatLine::text, ChatLine::delivery).containsExactly(
                tuple("hi", Delivery.SHOWN), tuple("hello", new Delivery.Unconfirmed()));
        assertThat(DeliveryText.status(new I18n(Locale.ENGLISH), lobby.lines().getLast().delivery())).hasValueSatisfying(
                status -> assertThat(status).contains("may or may not have been delivered").doesNotContain("Not sent"));
        assertThat(DeliveryText.status(new I18n(Locale.SIMPLIFIED_CHINESE), lobby.lines().getLast().delivery())).hasValueSatisfying(
                status -> assertThat(status).contains("可能已送达").doesNotContain("{"));
    }

    @Test
    void aMessageKeptForTheNextStartSaysItWillBeSentAgainThenAndNotToSendItAgain() {
        PendingLines.Send send = model.pending().sending(lobby, "hello", false);

        model.pending().kept(send);

        assertThat(lobby.lines()).extracting(ChatLine::text, ChatLine::delivery).containsExactly(
                tuple("hi", Delivery.SHOWN), tuple("hello", new Delivery.Kept()));
        assertThat(DeliveryText.status(new I18n(Locale.ENGLISH), lobby.lines().getLast().delivery())).hasValueSatisfying(
                status -> assertThat(status).contains("sends it again, once, the next time you sign in")
                        .contains("Do not send it again").doesNotContain("back in the input box"));
        assertThat(DeliveryText.status(new I18n(Locale.SIMPLIFIED_CHINESE), lobby.lines().getLast().delivery())).hasValueSatisfying(
                status -> assertThat(status).contains("再发送一次").doesNotContain("{"));
    }

    @Test
    void aMessageNotConfirmedInTimeSaysSoOnItsOwnLineInEnglishAndChineseAndStillBecomesTheMessage() {
        PendingLines.Send send = model.pending().sending(lobby, "hello", false);

        model.pending().overdue(send);

        assertThat(lobby.lines()).extracting(ChatLine::text, ChatLine::delivery).containsExactly(
                tuple("hi", Delivery.SHOWN), tuple("hello", new Delivery.Pending(true)));
        assertThat(DeliveryText.status(new I18n(Locale.ENGLISH), lobby.lines().getLast().delivery())).hasValueSatisfying(
                status -> assertThat(status).startsWith("🕓 Not confirmed yet").contains("again, once").contains("never posted twice"));
        assertThat(DeliveryText.status(new I18n(Locale.SIMPLIFIED_CHINESE), lobby.lines().getLast().delivery())).hasValueSatisfying(
                status -> assertThat(status).startsWith("🕓 尚未得到确认").contains("再发送一次"));
        receive(message(7, "alice", "hello"));
        model.pending().stored(send, 7);
        model.pending().overdue(send);
        assertThat(lobby.lines()).extracting(ChatLine::id, ChatLine::delivery).containsExactly(
                tuple(1L, Delivery.SHOWN), tuple(7L, Delivery.SHOWN));
    }

    @Test
    void aPendingLineStaysThroughAConversationSwitchAndAnEarlierHistoryPage() {
        ConversationState annex = model.joined(new ChatEvent.JoinedRoom(1, new RoomInfo("Annex", "", RoomVisibility.PUBLIC, false, 1, 1),
                List.of(new MemberInfo("alice", Role.MEMBER, 1))));
        model.pending().sending(annex, "hello", false);

        model.selected().set(model.open(new Conversation.WithUser("bob")));
        model.prependHistory(annex, List.of(message(2, "bob", "hi"), message(1, "bob", "older")));
        model.selected().set(annex);

        assertThat(annex.lines()).extracting(ChatLine::text, ChatLine::inFlight).containsExactly(
                tuple("older", false), tuple("hi", false), tuple("hello", true));
        assertThat(DaySeparators.before(annex.lines(), 2, java.time.ZoneOffset.UTC, Locale.ENGLISH)).isPresent();
    }

    @Test
    void aHistoryPageHoldingTheMessageBeforeItsAnswerLeavesItShownOnce() {
        PendingLines.Send send = model.pending().sending(lobby, "hello", false);
        assertThat(lobby.lines().getLast().inFlight()).isTrue();

        model.prependHistory(lobby, List.of(message(7, "alice", "hello"), message(1, "bob", "hi")));
        model.pending().stored(send, 7);
        receive(message(7, "alice", "hello"));

        assertThat(lobby.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(7L, "hello", Delivery.SHOWN), tuple(1L, "hi", Delivery.SHOWN));
    }

    @Test
    void aFirstHistoryPageHoldingTheMessageBeforeItsAnswerTakesThePendingLineInsteadOfShowingItTwice() {
        ConversationState annex = annex();
        LineWatch watch = new LineWatch(annex.lines(), "hello");
        PendingLines.Send send = model.pending().sending(annex, "hello", false);

        // The page of the newest messages, asked for as the room opened, arrives after the server stored the message.
        model.prependHistory(annex, List.of(message(8, "bob", "just now"), message(7, "alice", "hello"),
                message(6, "bob", "earlier")));

        assertThat(annex.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::inFlight).containsExactly(
                tuple(6L, "earlier", false), tuple(7L, "hello", false), tuple(8L, "just now", false));
        model.pending().stored(send, 7);
        annex(message(7, "alice", "hello"));
        assertThat(annex.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(6L, "earlier", Delivery.SHOWN), tuple(7L, "hello", Delivery.SHOWN), tuple(8L, "just now", Delivery.SHOWN));
        assertThat(watch.most()).isEqualTo(1);
    }

    @Test
    void aHistoryPageWithAnOlderMessageOfTheSameTextStillEndsWithBothShownInTheServersOrder() {
        ConversationState annex = annex();
        PendingLines.Send send = model.pending().sending(annex, "ok", false);

        // Asked for before the server stored this one: its "ok" is yesterday's, taken for it until the answer says otherwise.
        model.prependHistory(annex, List.of(message(5, "alice", "ok"), message(4, "bob", "fine?")));
        model.pending().stored(send, 9);
        annex(message(9, "alice", "ok"));

        assertThat(annex.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(4L, "fine?", Delivery.SHOWN), tuple(5L, "ok", Delivery.SHOWN), tuple(9L, "ok", Delivery.SHOWN));
    }

    @Test
    void aHistoryPageTakesPendingLinesWithTheSameTextOldestFirstAndARefusalAfterwardsStillShowsTheFailedLine() {
        ConversationState annex = annex();
        PendingLines.Send first = model.pending().sending(annex, "ok", false);
        PendingLines.Send second = model.pending().sending(annex, "ok", false);

        model.prependHistory(annex, List.of(message(7, "alice", "ok")));
        assertThat(annex.lines()).extracting(ChatLine::id, ChatLine::inFlight).containsExactly(tuple(7L, false), tuple(0L, true));
        model.pending().refused(first, "The server is busy.");
        model.pending().stored(second, 8);

        assertThat(annex.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(7L, "ok", Delivery.SHOWN), tuple(0L, "ok", new Delivery.Refused("The server is busy.")),
                tuple(8L, "ok", Delivery.SHOWN));
    }

    @Test
    void theSameTextSentFromAnotherDeviceMeanwhileIsNotTakenForThisMessage() {
        PendingLines.Send send = model.pending().sending(lobby, "ok", false);
        assertThat(lobby.lines().getLast().inFlight()).isTrue();

        receive(message(7, "alice", "ok")); // from the phone, before this one's answer
        model.pending().stored(send, 8);
        receive(message(8, "alice", "ok"));

        assertThat(lobby.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(1L, "hi", Delivery.SHOWN), tuple(7L, "ok", Delivery.SHOWN), tuple(8L, "ok", Delivery.SHOWN));
    }

    @Test
    void aRefusalAfterAnotherDevicesMessageWithTheSameTextStillShowsTheFailedLine() {
        PendingLines.Send send = model.pending().sending(lobby, "ok", false);

        receive(message(7, "alice", "ok"));
        model.pending().refused(send, "The server is busy.");

        assertThat(lobby.lines()).extracting(ChatLine::id, ChatLine::text, ChatLine::delivery).containsExactly(
                tuple(1L, "hi", Delivery.SHOWN), tuple(7L, "ok", Delivery.SHOWN),
                tuple(0L, "ok", new Delivery.Refused("The server is busy.")));
    }

    /** A room joined without any message yet: its first page of history is the newest one. */
    private ConversationState annex() {
        return model.joined(new ChatEvent.JoinedRoom(1, new RoomInfo("Annex", "", RoomVisibility.PUBLIC, false, 2, 2),
                List.of(new MemberInfo("alice", Role.MEMBER, 1), new MemberInfo("bob", Role.MEMBER, 1))));
    }

    private void annex(StoredMessage message) {
        model.apply(new ChatEvent.RoomMessage("Annex", message, false));
    }

    private void receive(StoredMessage message) {
        model.apply(new ChatEvent.RoomMessage("Lobby", message, false));
    }

    private static Instant serverTime(long id) {
        return Instant.ofEpochMilli(1_700_000_000_000L + id);
    }

    private static StoredMessage message(long id, String from, String text) {
        return new StoredMessage(id, serverTime(id).toEpochMilli(), from, ContentType.TEXT, Bytes.utf8(text));
    }
}
