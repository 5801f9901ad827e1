package org.parley.desktop;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;

/**
 * What a screen reader says for a line of a conversation, an entry of the conversation list and a
 * room member, in the user's language: the facts the eye takes from layout, colour and emoji (who
 * wrote it, when, the lock, the mention highlight, the greyed or red sending mark, the date line,
 * the unread count, a greyed offline member), in words. Pure: the cells only set what it returns
 * as their accessible text.
 */
final class ScreenReaderText {
    private ScreenReaderText() {
    }

    /**
     * The line {@code lines[index]} as spoken: the day it starts if it is the first of a day, then
     * who wrote it ("You" for this account), the time as shown, whether it was end-to-end encrypted,
     * whether it mentions this user, the text, and for a message written here where its sending
     * stands. A room message protected only by the channel to the server says nothing about
     * encryption, as its line shows nothing: the conversation's header says the room is not end to
     * end encrypted.
     *
     * @param zone the time zone the line's time and date are shown in
     * @param me this user's display name, whose {@code @} mentions are highlighted
     */
    static String line(List<ChatLine> lines, int index, I18n i18n, ZoneId zone, String me) {
        return line(lines.get(index), DaySeparators.before(lines, index, zone, i18n.locale()), i18n, zone, me);
    }

    /** The same for a line whose date line, if it has one, is {@code day} (as its cell shows it). */
    static String line(ChatLine line, Optional<String> day, I18n i18n, ZoneId zone, String me) {
        List<String> about = new ArrayList<>();
        about.add(switch (line.kind()) {
            case OWN -> i18n.get("a11y.you");
            case OTHER -> line.from();
            case PRIVATE -> i18n.get("a11y.privateFrom", line.from());
            case NOTICE -> i18n.get("a11y.notice");
        });
        about.add(line.shownTime(zone));
        switch (line.protection()) {
            case CHANNEL -> { }
            case END_TO_END -> about.add(i18n.get("a11y.e2e"));
            case NOT_END_TO_END -> about.add(i18n.get("e2e.notE2e"));
        }
        if (line.mentions(me)) {
            about.add(i18n.get("a11y.mentionsYou"));
        }
        String spoken = i18n.get("a11y.says", list(i18n, about), line.text());
        Optional<String> delivery = DeliveryText.words(i18n, line.delivery());
        if (delivery.isPresent()) {
            spoken = i18n.get("a11y.then", spoken, delivery.get());
        }
        return day.isPresent() ? i18n.get("a11y.then", day.get(), spoken) : spoken;
    }

    /** A conversation list entry as spoken: the room or the person, the lock, and unread messages and mentions in words. */
    static String conversation(ConversationState state, I18n i18n) {
        List<String> about = new ArrayList<>();
        about.add(switch (state.conversation()) {
            case Conversation.InRoom room -> i18n.get("a11y.room", room.room());
            case Conversation.WithUser user -> i18n.get("a11y.privateWith", user.peer());
        });
        if (state.encrypted().get()) {
            about.add(i18n.get("a11y.e2e"));
        }
        if (state.unread().get() > 0) {
            about.add(i18n.get("a11y.unread", state.unread().get()));
        }
        if (state.mentions().get() > 0) {
            about.add(i18n.get("a11y.mentions", state.mentions().get()));
        }
        return list(i18n, about);
    }

    /** A room member list entry as spoken: the name, the role if it is shown, and "offline" where the entry is only greyed. */
    static String member(MemberInfo member, boolean online, I18n i18n) {
        List<String> about = new ArrayList<>();
        about.add(member.user());
        if (member.role() == Role.OWNER || member.role() == Role.OP) {
            about.add(i18n.get("role." + member.role().name()));
        }
        if (!online) {
            about.add(i18n.get("a11y.offline"));
        }
        return list(i18n, about);
    }

    private static String list(I18n i18n, List<String> parts) {
        return parts.stream().reduce((a, b) -> i18n.get("a11y.and", a, b)).orElse("");
    }
}
