package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;

/** What a screen reader says for conversation lines and list entries, without a window, in both languages. */
class ScreenReaderTextTest {
    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private static final I18n CHINESE = new I18n(Locale.SIMPLIFIED_CHINESE);
    private static final Instant MORNING = Instant.parse("2026-03-02T09:15:00Z");

    private static ChatLine line(ChatLine.Kind kind, String from, Instant time, String text, ChatLine.Protection protection,
            Delivery delivery) {
        return new ChatLine(kind == ChatLine.Kind.OWN && !(delivery instanceof Delivery.Shown) ? 0 : 5, kind, from, time, text,
                protection, delivery);
    }

    private static String spoken(List<ChatLine> lines, int index, I18n i18n) {
        return ScreenReaderText.line(lines, index, i18n, ZoneOffset.UTC, "alice");
    }

    @Test
    void theFirstLineOfADaySaysTheDateThenWhoWhenTheLockTheTextAndThatItIsBeingSent() {
        List<ChatLine> lines = List.of(line(ChatLine.Kind.OWN, "alice", MORNING, "see you at 10", ChatLine.Protection.END_TO_END,
                new Delivery.Pending(false)));

        assertThat(spoken(lines, 0, ENGLISH)).isEqualTo("Monday, March 2, 2026. You, 09:15, end-to-end encrypted: see you at 10. Sending…");
        assertThat(spoken(lines, 0, CHINESE)).isEqualTo("2026年3月2日星期一。你，09:15，端到端加密：see you at 10。发送中…");
    }

    @Test
    void aLaterLineTheSameDaySaysNoDateAndAMessageMentioningTheUserSaysSo() {
        List<ChatLine> lines = List.of(
                line(ChatLine.Kind.OTHER, "bob", MORNING, "morning", ChatLine.Protection.CHANNEL, Delivery.SHOWN),
                line(ChatLine.Kind.OTHER, "bob", MORNING.plusSeconds(120), "@alice lunch?", ChatLine.Protection.CHANNEL, Delivery.SHOWN));

        assertThat(spoken(lines, 0, ENGLISH)).isEqualTo("Monday, March 2, 2026. bob, 09:15: morning");
        assertThat(spoken(lines, 1, ENGLISH)).isEqualTo("bob, 09:17, mentions you: @alice lunch?");
        assertThat(spoken(lines, 1, CHINESE)).isEqualTo("bob，09:17，提到了你：@alice lunch?");
    }

    @Test
    void theTimeIsTheOneTheLineShowsInTheUsersZone() {
        List<ChatLine> lines = List.of(line(ChatLine.Kind.OTHER, "bob", MORNING, "hi", ChatLine.Protection.CHANNEL, Delivery.SHOWN));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");

        String spoken = ScreenReaderText.line(lines, 0, ENGLISH, shanghai, "alice");

        assertThat(lines.getFirst().shownTime(shanghai)).isEqualTo("17:15");
        assertThat(spoken).isEqualTo("Monday, March 2, 2026. bob, 17:15: hi");
    }

    @Test
    void aPrivateMessageSaysItIsPrivateAndWhetherItWasEncryptedEndToEnd() {
        List<ChatLine> lines = List.of(
                line(ChatLine.Kind.PRIVATE, "bob", MORNING, "old one", ChatLine.Protection.NOT_END_TO_END, Delivery.SHOWN),
                line(ChatLine.Kind.PRIVATE, "bob", MORNING, "new one", ChatLine.Protection.END_TO_END, Delivery.SHOWN));

        assertThat(spoken(lines, 0, ENGLISH)).endsWith("bob, private message, 09:15, not end-to-end encrypted: old one");
        assertThat(spoken(lines, 1, ENGLISH)).isEqualTo("bob, private message, 09:15, end-to-end encrypted: new one");
        assertThat(spoken(lines, 1, CHINESE)).isEqualTo("bob，私聊消息，09:15，端到端加密：new one");
    }

    @Test
    void eachStageOfAFailedOrSlowSendIsSaidInWordsWithoutTheSignsTheEyeGets() {
        ChatLine sent = line(ChatLine.Kind.OWN, "alice", MORNING, "hello", ChatLine.Protection.CHANNEL, new Delivery.Pending(false));
        List<ChatLine> lines = List.of(sent, sent.with(new Delivery.Pending(true)), sent.with(new Delivery.Refused("You are sending too fast.")),
                sent.with(new Delivery.Unconfirmed()), sent.with(Delivery.SHOWN));

        assertThat(spoken(lines, 1, ENGLISH)).startsWith("You, 09:15: hello. Not confirmed yet: it will be sent again, once");
        assertThat(spoken(lines, 2, ENGLISH)).isEqualTo("You, 09:15: hello. Not sent: You are sending too fast. Your text is back in the input box.");
        assertThat(spoken(lines, 3, ENGLISH)).startsWith("You, 09:15: hello. Not confirmed: ").contains("may or may not have been delivered");
        assertThat(spoken(lines, 4, ENGLISH)).isEqualTo("You, 09:15: hello");
        assertThat(spoken(lines, 2, CHINESE)).isEqualTo("你，09:15：hello。未发送：You are sending too fast. 您的文字已放回输入框。");
        assertThat(lines.subList(1, 4).stream().map(l -> spoken(lines, lines.indexOf(l), ENGLISH))).noneMatch(s -> s.contains("🕓") || s.contains("⚠"));
    }

    @Test
    void aNoticeSaysItIsANotice() {
        List<ChatLine> lines = List.of(new ChatLine(0, ChatLine.Kind.NOTICE, "", MORNING, "bob set the topic: news"));

        assertThat(spoken(lines, 0, ENGLISH)).isEqualTo("Monday, March 2, 2026. Notice, 09:15: bob set the topic: news");
        assertThat(spoken(lines, 0, CHINESE)).isEqualTo("2026年3月2日星期一。通知，09:15：bob set the topic: news");
    }

    @Test
    void aMemberListEntrySaysTheRoleAndWhetherTheMemberIsOffline() {
        assertThat(ScreenReaderText.member(new MemberInfo("carol", Role.OP, 1), true, ENGLISH)).isEqualTo("carol, operator");
        assertThat(ScreenReaderText.member(new MemberInfo("bob", Role.MEMBER, 1), false, ENGLISH)).isEqualTo("bob, offline");
        assertThat(ScreenReaderText.member(new MemberInfo("alice", Role.OWNER, 1), false, CHINESE)).isEqualTo("alice，创建者，离线");
        assertThat(ScreenReaderText.member(new MemberInfo("bob", Role.MEMBER, 1), true, CHINESE)).isEqualTo("bob");
    }

    @Test
    void aConversationListEntrySaysTheRoomOrPersonTheLockAndUnreadMessagesAndMentionsInWords() {
        ConversationState team = new ConversationState(new Conversation.InRoom("team"));
        team.encrypted().set(true);
        team.unread().set(3);
        team.mentions().set(1);
        ConversationState bob = new ConversationState(new Conversation.WithUser("bob"));

        assertThat(ScreenReaderText.conversation(team, ENGLISH)).isEqualTo("Room team, end-to-end encrypted, 3 unread messages, 1 message mentions you");
        assertThat(ScreenReaderText.conversation(team, CHINESE)).isEqualTo("聊天室 team，端到端加密，3 条未读消息，1 条消息提到了你");
        assertThat(ScreenReaderText.conversation(bob, ENGLISH)).isEqualTo("Private conversation with bob");
        bob.unread().set(1);
        assertThat(ScreenReaderText.conversation(bob, ENGLISH)).isEqualTo("Private conversation with bob, 1 unread message");
        assertThat(ScreenReaderText.conversation(bob, CHINESE)).isEqualTo("与 bob 的私聊，1 条未读消息");
    }
}
