package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.e2ee.group.RoomError;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;

/** Encrypted rooms in the chat state without a window: the flag, lock-marked lines once each, notices, refusals. */
class ChatModelRoomTest {
    private static final Instant AT = Instant.parse("2026-12-05T04:30:00Z");
    private final ChatModel model = new ChatModel(new I18n(Locale.ENGLISH));

    ChatModelRoomTest() {
        model.setMe("alice");
    }

    private static ChatEvent.JoinedRoom joined(String room, boolean encrypted) {
        return new ChatEvent.JoinedRoom(1, new RoomInfo(room, "", RoomVisibility.PRIVATE, encrypted, 1, 1),
                List.of(new MemberInfo("alice", Role.OWNER, 1)));
    }

    private static E2eRoomMessage message(String from, boolean outgoing, String id, String text) {
        return new E2eRoomMessage("team", from, 1, outgoing, id, 0, 1, AT, text);
    }

    @Test
    void aJoinedRoomRecordsWhetherItIsEncryptedAndTheListShowsALock() {
        ConversationState team = model.joined(joined("team", true));
        ConversationState lobby = model.joined(joined("Lobby", false));

        assertThat(team.encrypted().get()).isTrue();
        assertThat(team.listLabel()).startsWith("🔒 # team");
        assertThat(lobby.encrypted().get()).isFalse();
        assertThat(lobby.listLabel()).startsWith("# Lobby");
    }

    @Test
    void roomMessagesAreEndToEndLinesShownOnceEvenWhenHistoryRepeatsThem() {
        ConversationState team = model.joined(joined("team", true));

        model.applyRoom(new RoomEvent.Message(message("bob", false, "01", "hi")));
        model.roomMessage(message("alice", true, "02", "hello"));
        model.applyRoom(new RoomEvent.Message(message("bob", false, "01", "hi")));
        model.roomHistory(team, List.of(message("bob", false, "00", "earlier"), message("bob", false, "01", "hi")));

        assertThat(team.lines()).extracting(ChatLine::kind, ChatLine::text, ChatLine::protection).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OTHER, "earlier", ChatLine.Protection.END_TO_END),
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OTHER, "hi", ChatLine.Protection.END_TO_END),
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OWN, "hello", ChatLine.Protection.END_TO_END));
    }

    @Test
    void noticesAndRefusalsAppearInTheirRoomWithTheLock() {
        ConversationState team = model.joined(joined("team", true));
        model.joined(joined("Lobby", false));

        model.applyRoom(new RoomEvent.Notice("team", RoomNoticeKind.KICKED, "carol", 0, ""));
        model.applyRoom(new RoomEvent.Problem("team", RoomError.NOT_A_MEMBER, "message from mallory/9"));

        assertThat(team.lines()).extracting(ChatLine::kind).containsOnly(ChatLine.Kind.NOTICE);
        assertThat(team.lines()).extracting(ChatLine::text).containsExactly(
                "🔒 carol was kicked; everyone starts a new sender key before sending again, so carol cannot read what follows.",
                "🔒 Refused: not a member of the room (message from mallory/9). Nothing changed; other messages are not affected.");
        assertThat(model.open(new Conversation.InRoom("Lobby")).lines()).isEmpty();
    }

    @Test
    void aReloadedMessageFromAnUnverifiedDeviceIsPrecededByTheNoticeTheLiveRoomShowed() {
        ConversationState team = model.joined(joined("team", true));
        E2eRoomMessage marked = new E2eRoomMessage("team", "bob", 9, false, "02", 0, 1, AT, "from the phone", true);

        model.roomHistory(team, List.of(message("bob", false, "01", "from the laptop"), marked));

        assertThat(team.lines()).extracting(ChatLine::kind, ChatLine::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OTHER, "from the laptop"),
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.NOTICE, RoomTexts.notice(new I18n(Locale.ENGLISH),
                        new RoomEvent.Notice("team", RoomNoticeKind.FROM_UNVERIFIED_DEVICE, "bob", 9, ""))),
                org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OTHER, "from the phone"));
    }

    @Test
    void everyNoticeKindHasAnEnglishAndAChineseText() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            I18n i18n = new I18n(locale);
            for (RoomNoticeKind kind : RoomNoticeKind.values()) {
                assertThat(i18n.has("roomE2e.notice." + kind.name())).as(locale + " " + kind).isTrue();
                assertThat(RoomTexts.notice(i18n, new RoomEvent.Notice("team", kind, "bob", 2, "epoch 2"))).doesNotContain("{");
            }
        }
    }
}
