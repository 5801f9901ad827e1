package org.parley.desktop;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.stage.Stage;
import org.parley.client.ParleySession;
import org.parley.protocol.chat.Conversation;

/**
 * Loads what came before into a conversation of the main window: pages of the server's stored
 * messages, and, once per conversation, this device's end-to-end history (of a private peer or of
 * an encrypted room, whose server copy holds only envelopes). FX thread.
 */
final class ConversationHistory {
    private static final int HISTORY_PAGE = 50;

    private final I18n i18n;
    private final Stage stage;
    private final ParleySession parley;
    private final ChatModel model;
    /** Conversations into which this device's end-to-end history was loaded. */
    private final Set<ConversationState> e2eLoaded = Collections.newSetFromMap(new WeakHashMap<>());
    /** Conversations whose page of earlier messages is on its way: each asks once at a time, none waits for another. */
    private final Set<ConversationState> loading = Collections.newSetFromMap(new WeakHashMap<>());

    ConversationHistory(I18n i18n, Stage stage, ParleySession parley, ChatModel model) {
        this.i18n = i18n;
        this.stage = stage;
        this.parley = parley;
        this.model = model;
    }

    /** Loads this device's history into {@code state} as it is shown: a private peer's, or an encrypted room's. */
    void shown(ConversationState state) {
        if (state.conversation() instanceof Conversation.WithUser user) {
            loadE2eHistory(state, user.peer());
        } else if (state.encrypted().get() && state.conversation() instanceof Conversation.InRoom room) {
            loadRoomHistory(state, room.room());
        }
    }

    /** Loads this device's end-to-end history with {@code peer} into its conversation, once. */
    void loadE2eHistory(ConversationState state, String peer) {
        if (e2eLoaded.add(state)) {
            parley.history(peer).whenComplete((list, failure) -> {
                if (failure == null) {
                    model.e2eHistory(state, list);
                }
            });
        }
    }

    /** This device's history of encrypted {@code room}, once per conversation. */
    private void loadRoomHistory(ConversationState state, String room) {
        if (e2eLoaded.add(state)) {
            parley.roomHistory(room).whenComplete((list, failure) -> {
                if (failure == null) {
                    model.roomHistory(state, list);
                } else {
                    Dialogs.error(stage, i18n, "error.history", failure);
                }
            });
        }
    }

    /** Loads the page before the oldest message shown in {@code state} (also for a conversation not selected). */
    void loadOlder(ConversationState state) {
        if (state == null || loading.contains(state)) {
            return;
        }
        if (state.conversation() instanceof Conversation.InRoom room && parley.isEncrypted(room.room())) {
            // The server holds only envelopes: the readable history is the one kept on this device.
            loadRoomHistory(state, room.room());
            return;
        }
        loading.add(state);
        parley.call(client -> client.history(state.conversation(), ChatModel.oldestId(state), HISTORY_PAGE))
                .whenComplete((page, failure) -> {
                    loading.remove(state);
                    if (failure == null) {
                        model.prependHistory(state, page.messages());
                    } else {
                        Dialogs.error(stage, i18n, "error.history", failure);
                    }
                });
    }
}
