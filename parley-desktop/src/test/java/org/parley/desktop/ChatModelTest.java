package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.client.RequestFailedException;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;

/** The chat state without any window: styling of lines, unread counts, notices, online list. */
class ChatModelTest {
    private final ChatModel model = new ChatModel(new I18n(Locale.ENGLISH));

    ChatModelTest() {
        model.setMe("alice");
    }

    @Test
    void aReloadedPrivateMessageFromAnUnverifiedDeviceIsPrecededByTheNoticeInChinese() {
        ChatModel chinese = new ChatModel(new I18n(Locale.SIMPLIFIED_CHINESE));
        chinese.setMe("alice");
        ConversationState bob = chinese.open(new Conversation.WithUser("bob"));
        java.time.Instant at = java.time.Instant.parse("2026-12-05T04:30:00Z");
        org.parley.e2ee.E2eSuite suite = org.parley.e2ee.E2eSuite.values()[0];

        chinese.e2eHistory(bob, List.of(
                new org.parley.client.e2ee.E2eMessage("bob", "bob", 3, false, suite, "01", at, "from the laptop"),
                new org.parley.client.e2ee.E2eMessage("bob", "bob", 9, false, suite, "02", at, "from the phone", true)));

        assertThat(bob.lines()).extracting(ChatLine::kind, ChatLine::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.PRIVATE, "from the laptop"),
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.NOTICE,
                        "⚠ " + new I18n(Locale.SIMPLIFIED_CHINESE).get("e2e.fromUnverified", "bob", 9L)),
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.PRIVATE, "from the phone"));
        assertThat(bob.lines().get(1).text()).doesNotContain("{").contains("bob");
    }

    @Test
    void marksOwnOthersAndPrivateMessages() {
        model.joined(joined("Lobby"));
        model.apply(new ChatEvent.RoomMessage("Lobby", message(1, "alice", "hi"), false));
        model.apply(new ChatEvent.RoomMessage("Lobby", message(2, "张伟", "你好"), false));
        model.apply(new ChatEvent.PrivateMessage("alice", message(3, "bob", "psst"), false));

        ConversationState lobby = model.open(new Conversation.InRoom("lobby"));
        assertThat(lobby.lines()).extracting(ChatLine::kind).containsExactly(ChatLine.Kind.OWN, ChatLine.Kind.OTHER);
        ConversationState bob = model.open(new Conversation.WithUser("bob"));
        assertThat(bob.lines()).extracting(ChatLine::kind, ChatLine::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.PRIVATE, "psst"));
        assertThat(model.conversations()).hasSize(2);
    }

    @Test
    void ownPrivateCopiesGoToThePeersConversation() {
        model.apply(new ChatEvent.PrivateMessage("bob", message(4, "alice", "to bob"), false));

        assertThat(model.open(new Conversation.WithUser("bob")).lines()).extracting(ChatLine::kind)
                .containsExactly(ChatLine.Kind.OWN);
    }

    @Test
    void aRefusedBundleOrUndecryptableCopyOfAnOwnDeviceIsShownInTheCurrentConversationNotOneWithYourself() {
        model.joined(joined("Lobby"));
        ConversationState lobby = model.open(new Conversation.InRoom("lobby"));
        model.selected().set(lobby);

        model.applyE2e(new org.parley.client.e2ee.E2eEvent.BundleRefused("Alice", 2,
                org.parley.e2ee.E2eeError.BAD_SIGNATURE, "detail"));
        model.applyE2e(new org.parley.client.e2ee.E2eEvent.DecryptFailure("alice", 2,
                org.parley.e2ee.E2eeError.AUTHENTICATION_FAILED, "detail"));
        model.applyE2e(new org.parley.client.e2ee.E2eEvent.MessagesMissing("alice", 2, 1));

        assertThat(model.find(new Conversation.WithUser("alice"))).isEmpty();
        assertThat(model.conversations()).hasSize(1);
        assertThat(lobby.lines()).extracting(ChatLine::text).anyMatch(t -> t.contains("device 2") && t.contains("left out"))
                .anyMatch(t -> t.contains("decrypt a message")).hasSize(3);
    }

    @Test
    void aMessageKeptAcrossARestartIsShownInItsConversationWhenItSettlesInEnglishAndChinese() {
        var message = new org.parley.client.e2ee.E2eMessage("bob", "alice", 3, true, org.parley.e2ee.E2eSuite.PQ_RATCHET,
                "00".repeat(16), java.time.Instant.EPOCH, "kept words");
        model.applyE2e(new org.parley.client.e2ee.E2eEvent.SendSettled(message, org.parley.client.e2ee.SendOutcome.SENT, ""));
        model.applyE2e(new org.parley.client.e2ee.E2eEvent.SendSettled(message,
                org.parley.client.e2ee.SendOutcome.REFUSED, "not_member"));
        ChatModel chinese = new ChatModel(new I18n(Locale.SIMPLIFIED_CHINESE));
        chinese.setMe("alice");
        chinese.applyE2e(new org.parley.client.e2ee.E2eEvent.SendSettled(message,
                org.parley.client.e2ee.SendOutcome.NOT_CONFIRMED, ""));

        assertThat(model.open(new Conversation.WithUser("bob")).lines()).extracting(ChatLine::text)
                .anyMatch(t -> t.contains("confirmed as sent"))
                .anyMatch(t -> t.equals("kept words"))
                .anyMatch(t -> t.contains("NOT sent (not_member)") && t.contains("kept words"));
        assertThat(chinese.open(new Conversation.WithUser("bob")).lines()).extracting(ChatLine::text).singleElement()
                .asString().contains("可能已送达", "kept words");
    }

    @Test
    void aRoomMessageKeptAcrossARestartIsShownInTheRoomWhenItSettles() {
        var message = new org.parley.client.e2ee.room.E2eRoomMessage("den", "alice", 3, true, "0a0b", 12, 1,
                java.time.Instant.EPOCH, "room words");

        model.applyE2e(new org.parley.client.e2ee.E2eEvent.RoomSendSettled(message,
                org.parley.client.e2ee.SendOutcome.NOT_CONFIRMED, ""));

        assertThat(model.open(new Conversation.InRoom("den")).lines()).extracting(ChatLine::text).singleElement()
                .asString().contains("room den", "may or may not have been delivered", "room words");
    }

    @Test
    void aPlaintextRoomMessageKeptAcrossARestartIsShownInTheRoomWhenItSettlesInEnglishAndChinese() {
        ChatModel chinese = new ChatModel(new I18n(Locale.SIMPLIFIED_CHINESE));

        model.applyE2e(new org.parley.client.e2ee.E2eEvent.RoomTextSettled("lobby", "plain words", 1234,
                org.parley.client.e2ee.SendOutcome.SENT, ""));
        chinese.applyE2e(new org.parley.client.e2ee.E2eEvent.RoomTextSettled("lobby", "plain words", 0,
                org.parley.client.e2ee.SendOutcome.NOT_CONFIRMED, ""));

        assertThat(model.open(new Conversation.InRoom("lobby")).lines()).extracting(ChatLine::text).singleElement()
                .asString().contains("room lobby", "confirmed as sent", "message 1234", "plain words").doesNotContain("🔒");
        assertThat(chinese.open(new Conversation.InRoom("lobby")).lines()).extracting(ChatLine::text).singleElement()
                .asString().contains("房间 lobby", "可能已送达", "plain words");
    }

    @Test
    void anUnreadableOutboxFileIsShownInTheCurrentConversation() {
        model.joined(joined("Lobby"));
        ConversationState lobby = model.open(new Conversation.InRoom("lobby"));
        model.selected().set(lobby);

        model.applyE2e(new org.parley.client.e2ee.E2eEvent.OutboxEntryUnreadable("outbox/00000000000000000001",
                org.parley.client.e2ee.OutboxFormatException.Reason.OVER_LIMIT));

        assertThat(model.conversations()).hasSize(1);
        assertThat(lobby.lines()).extracting(ChatLine::text).singleElement().asString()
                .contains("outbox/00000000000000000001", "over_limit", "set aside");
    }

    @Test
    void aPlaceholderFromADeviceThatCouldNotEncryptForThisOneIsSaidSoInBobsConversationInEnglishAndChinese() {
        model.applyE2e(new org.parley.client.e2ee.E2eEvent.NotEncryptedForThisDevice("bob", 3));
        ChatModel chinese = new ChatModel(new I18n(Locale.SIMPLIFIED_CHINESE));
        chinese.setMe("alice");
        chinese.applyE2e(new org.parley.client.e2ee.E2eEvent.NotEncryptedForThisDevice("bob", 3));

        assertThat(model.open(new Conversation.WithUser("bob")).lines()).extracting(ChatLine::text).singleElement()
                .asString().contains("bob’s device 3 could not encrypt this message for this device");
        assertThat(chinese.open(new Conversation.WithUser("bob")).lines()).extracting(ChatLine::text).singleElement()
                .asString().contains("bob 的设备 3 无法为本设备加密这条消息");
    }

    @Test
    void countsUnreadOnlyOutsideTheSelectedConversation() {
        model.joined(joined("Lobby"));
        model.apply(new ChatEvent.PrivateMessage("alice", message(5, "bob", "one"), false));
        model.apply(new ChatEvent.PrivateMessage("alice", message(6, "bob", "two"), false));
        model.apply(new ChatEvent.RoomMessage("Lobby", message(7, "bob", "seen"), false));

        ConversationState bob = model.open(new Conversation.WithUser("bob"));
        assertThat(bob.unread().get()).isEqualTo(2);
        assertThat(model.selected().get().unread().get()).isZero();
        model.selected().set(bob);
        assertThat(bob.unread().get()).isZero();
    }

    @Test
    void showsJoinAndLeaveNoticesAndTracksMemberCount() {
        model.joined(joined("Lobby"));
        model.apply(new ChatEvent.Presence("Lobby", "bob", PresenceChange.JOINED, 2));
        model.apply(new ChatEvent.Presence("Lobby", "bob", PresenceChange.LEFT, 1));

        ConversationState lobby = model.open(new Conversation.InRoom("Lobby"));
        assertThat(lobby.lines()).extracting(ChatLine::text).containsExactly("bob joined the room", "bob left the room");
        assertThat(lobby.members().get()).isEqualTo(1);
    }

    @Test
    void keepsTheOnlineListAndCount() {
        model.setOnline(List.of(new MemberInfo("alice", Role.NONE, 1)));
        model.apply(new ChatEvent.Presence("", "bob", PresenceChange.ONLINE, 2));
        assertThat(model.online()).containsExactly("alice", "bob");
        model.apply(new ChatEvent.Presence("", "bob", PresenceChange.OFFLINE, 1));
        assertThat(model.online()).containsExactly("alice");
        assertThat(model.onlineCount().get()).isEqualTo(1);
    }

    @Test
    void prependsOlderHistoryOldestFirstWithoutDuplicates() {
        model.joined(joined("Lobby"));
        model.apply(new ChatEvent.RoomMessage("Lobby", message(10, "bob", "ten"), false));
        ConversationState lobby = model.open(new Conversation.InRoom("Lobby"));

        model.prependHistory(lobby, List.of(message(10, "bob", "ten"), message(9, "alice", "nine"), message(8, "bob", "eight")));

        assertThat(lobby.lines()).extracting(ChatLine::text).containsExactly("eight", "nine", "ten");
        assertThat(ChatModel.oldestId(lobby)).isEqualTo(8);
    }

    @Test
    void ignoresPresenceForRoomsNoLongerShown() {
        model.joined(joined("Lobby"));
        model.remove(model.open(new Conversation.InRoom("Lobby")));

        model.apply(new ChatEvent.Presence("Lobby", "alice", PresenceChange.LEFT, 0));

        assertThat(model.conversations()).isEmpty();
    }

    @Test
    void roomMembersAreListedOwnersFirstAndFollowJoinsAndDepartures() {
        model.joined(new ChatEvent.JoinedRoom(1, new RoomInfo("茶室", "", RoomVisibility.PUBLIC, false, 3, 3), List.of(
                new MemberInfo("zoe", Role.MEMBER, 1), new MemberInfo("bob", Role.OP, 1), new MemberInfo("Ann", Role.OWNER, 0))));
        ConversationState room = model.open(new Conversation.InRoom("茶室"));

        assertThat(room.memberList()).extracting(MemberInfo::user).containsExactly("Ann", "bob", "zoe");
        model.apply(new ChatEvent.Presence("茶室", "carol", PresenceChange.JOINED, 0));
        model.apply(new ChatEvent.Presence("茶室", "ZOE", PresenceChange.KICKED, 0));
        assertThat(room.memberList()).extracting(MemberInfo::user).containsExactly("Ann", "bob", "carol");
        assertThat(room.members().get()).isEqualTo(3);
    }

    @Test
    void aRoomDroppedAfterAReconnectIsMarkedAsWhenTheUserIsKickedWithTheReason() {
        model.joined(joined("Lobby"));
        model.joined(joined("Team"));
        model.apply(new ChatEvent.RemovedFromRoom("Lobby", "bob", PresenceChange.KICKED, "spam"));

        model.listener().onRoomDropped("team", new RequestFailedException(ErrorCode.BANNED, ""));

        ConversationState team = model.open(new Conversation.InRoom("Team"));
        assertThat(model.conversations()).hasSize(2);
        assertThat(team.lines()).extracting(ChatLine::kind, ChatLine::text).containsExactly(org.assertj.core.groups.Tuple.tuple(
                ChatLine.Kind.NOTICE, "You are no longer in this room: after the reconnect the server refused to let you back in. "
                        + "You are banned from this room."));
        assertThat(model.open(new Conversation.InRoom("Lobby")).lines()).extracting(ChatLine::kind).containsExactly(ChatLine.Kind.NOTICE);
    }

    @Test
    void aRoomDroppedAfterAReconnectIsExplainedInChineseWhenChineseIsChosen() {
        ChatModel chinese = new ChatModel(new I18n(I18n.CHINESE));
        chinese.joined(joined("茶室"));

        chinese.listener().onRoomDropped("茶室", new RequestFailedException(ErrorCode.NO_SUCH_ROOM, ""));

        assertThat(chinese.open(new Conversation.InRoom("茶室")).lines()).singleElement().extracting(ChatLine::text).asString()
                .contains("没有这个聊天室。").doesNotContain("{").doesNotContain("no longer");
    }

    @Test
    void aBidiOverrideInAMessageTopicOrKickReasonIsShownReplacedSoItCannotReorderTheLine() {
        model.joined(joined("Lobby"));
        model.apply(new ChatEvent.RoomMessage("Lobby", message(1, "bob", "see https://example.org/\u202Egpj.exe"), false));
        model.apply(new ChatEvent.TopicChanged("Lobby", "\u2067fake\u2069 topic", "bob"));
        model.apply(new ChatEvent.RemovedFromRoom("Lobby", "bob", PresenceChange.KICKED, "\u202Dreason"));

        ConversationState lobby = model.open(new Conversation.InRoom("Lobby"));
        assertThat(lobby.lines()).extracting(ChatLine::text)
                .allSatisfy(text -> assertThat(text).doesNotContain("\u202E", "\u2067", "\u2069", "\u202D"))
                .first().isEqualTo("see https://example.org/\uFFFDgpj.exe");
        assertThat(lobby.topic().get()).isEqualTo("\uFFFDfake\uFFFD topic");
    }

    private static ChatEvent.JoinedRoom joined(String room) {
        return new ChatEvent.JoinedRoom(1, new RoomInfo(room, "", RoomVisibility.PUBLIC, false, 1, 1),
                List.of(new MemberInfo("alice", Role.MEMBER, 1)));
    }

    private static StoredMessage message(long id, String from, String text) {
        return new StoredMessage(id, 1_700_000_000_000L + id, from, ContentType.TEXT, Bytes.utf8(text));
    }
}
