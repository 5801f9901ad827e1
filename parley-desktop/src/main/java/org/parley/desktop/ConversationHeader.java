package org.parley.desktop;

import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.parley.client.ParleySession;
import org.parley.protocol.chat.Conversation;

/**
 * The header of the conversation shown in the main window and its security line: the room's name,
 * members and topic (or the private peer), the lock saying whether the conversation is end-to-end
 * encrypted or readable by the server, and the button to a private peer's safety number. FX thread.
 */
final class ConversationHeader {
    private final I18n i18n;
    private final Stage stage;
    private final ParleySession parley;
    private final ChatModel model;
    private final Label header = new Label();
    /** The lock and "end-to-end encrypted" of a private conversation. */
    private final Label lock = new Label();
    private final Button safety = new Button();

    ConversationHeader(I18n i18n, Stage stage, ParleySession parley, ChatModel model) {
        this.i18n = i18n;
        this.stage = stage;
        this.parley = parley;
        this.model = model;
        header.setId("conversationHeader");
        header.getStyleClass().add("conversation-header");
    }

    /** The header with {@code older} (the button loading older messages) beside it. */
    HBox headerRow(Button older) {
        HBox headerRow = new HBox(12, header, older);
        headerRow.setAlignment(Pos.CENTER_LEFT);
        return headerRow;
    }

    /** The lock line with the safety-number button; hidden while the lock says nothing. */
    HBox lockRow() {
        lock.setId("e2eLock");
        lock.getStyleClass().add("e2e-lock");
        lock.setWrapText(true);
        safety.setId("safetyNumber");
        safety.textProperty().bind(i18n.text("e2e.safetyNumber"));
        safety.setOnAction(e -> selectedPeer().ifPresent(this::showSafetyNumber));
        safety.setMinWidth(Region.USE_PREF_SIZE);
        HBox lockRow = new HBox(12, lock, safety);
        lockRow.setAlignment(Pos.CENTER_LEFT);
        lockRow.visibleProperty().bind(lock.textProperty().isNotEmpty());
        lockRow.managedProperty().bind(lockRow.visibleProperty());
        return lockRow;
    }

    /** Empties the header and the lock line (no conversation is shown). */
    void clear() {
        header.textProperty().unbind();
        header.setText("");
        lock.textProperty().unbind();
        lock.setText("");
    }

    /** Describes {@code state}, following its member count, topic and encryption, in the current language. */
    void show(ConversationState state) {
        lock.textProperty().unbind();
        safety.setVisible(state.conversation() instanceof Conversation.WithUser);
        safety.setManaged(safety.isVisible());
        if (state.conversation() instanceof Conversation.WithUser user) {
            lock.textProperty().bind(i18n.text("e2e.lock", user.peer()));
        } else {
            // A room says which it is: end-to-end encrypted (with the lock) or readable by the server.
            lock.textProperty().bind(Bindings.createStringBinding(
                    () -> i18n.get(state.encrypted().get() ? "main.roomE2e" : "main.roomPlain"),
                    state.encrypted(), i18n.localeProperty()));
        }
        header.textProperty().unbind();
        header.textProperty().bind(Bindings.createStringBinding(() -> switch (state.conversation()) {
            case Conversation.InRoom room -> i18n.get("main.roomHeader", room.room(), state.members().get(),
                    state.topic().get().isEmpty() ? "" : " — " + state.topic().get());
            case Conversation.WithUser user -> i18n.get("main.privateHeader", user.peer());
        }, state.members(), state.topic(), i18n.localeProperty()));
    }

    /** Opens the safety-number dialog with {@code peer}. FX thread. */
    private void showSafetyNumber(String peer) {
        parley.safetyNumber(peer).thenCombine(parley.contactDevices(peer), (number, devices) -> {
            SafetyNumberDialog.show(stage, i18n, peer, number, devices.stream().anyMatch(d -> d.verified()),
                    parley::markVerified);
            return number;
        }).whenComplete((shown, failure) -> {
            if (failure != null) {
                Platform.runLater(() -> Dialogs.error(stage, i18n, "error.safetyNumber", failure));
            }
        });
    }

    /** The peer of the selected private conversation, if one is selected. */
    private Optional<String> selectedPeer() {
        ConversationState state = model.selected().get();
        return state != null && state.conversation() instanceof Conversation.WithUser user ? Optional.of(user.peer()) : Optional.empty();
    }
}
