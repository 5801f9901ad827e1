package org.parley.desktop;

import java.util.Locale;
import java.util.Optional;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.PresenceChange;

/**
 * Applies presence events to a {@link ChatModel}: who is online (sorted, with the server's count),
 * and members joining or leaving a room shown, with a notice in that room. FX thread.
 */
final class PresenceChanges {
    private final ChatModel model;
    private final I18n i18n;

    PresenceChanges(ChatModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    void apply(ChatEvent.Presence p) {
        switch (p.change()) {
            case ONLINE -> {
                if (model.online().stream().noneMatch(u -> ChatModel.same(u, p.user()))) {
                    model.online().add(p.user());
                    model.online().sort(String.CASE_INSENSITIVE_ORDER);
                }
                model.onlineCount().set(p.onlineCount());
            }
            case OFFLINE -> {
                model.online().removeIf(u -> ChatModel.same(u, p.user()));
                model.onlineCount().set(p.onlineCount());
            }
            default -> {
                // Events for a room no longer shown (e.g. our own LEFT after leaving) must not bring it back.
                Optional<ConversationState> shown = model.find(new Conversation.InRoom(p.room()));
                if (shown.isEmpty()) {
                    return;
                }
                ConversationState state = shown.get();
                boolean joined = p.change() == PresenceChange.JOINED;
                state.members().set(Math.max(0, state.members().get() + (joined ? 1 : -1)));
                if (joined) {
                    state.memberJoined(p.user());
                } else {
                    state.memberLeft(p.user());
                }
                model.notice(state, i18n.get("notice." + p.change().name().toLowerCase(Locale.ROOT), p.user()));
            }
        }
    }
}
