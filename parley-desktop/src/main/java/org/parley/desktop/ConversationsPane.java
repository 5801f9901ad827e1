package org.parley.desktop;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.ErrorCode;

/**
 * The main window's list of conversations (rooms and private chats, with unread counts), kept in
 * step with the model's selection, and its room actions: browse and join, create (plain or
 * encrypted), leave. FX thread.
 */
final class ConversationsPane {
    private final I18n i18n;
    private final Stage stage;
    private final ParleySession parley;
    private final ChatModel model;

    ConversationsPane(I18n i18n, Stage stage, ParleySession parley, ChatModel model) {
        this.i18n = i18n;
        this.stage = stage;
        this.parley = parley;
        this.model = model;
    }

    /** Builds the pane; {@code show} is called with each conversation the model selects. */
    VBox create(Consumer<ConversationState> show) {
        ListView<ConversationState> list = new ListView<>(model.conversations());
        list.setId("conversations");
        list.accessibleTextProperty().bind(i18n.text("main.conversations"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ConversationState state, boolean empty) {
                super.updateItem(state, empty);
                textProperty().unbind();
                accessibleTextProperty().unbind();
                if (empty || state == null) {
                    setText(null);
                    setAccessibleText(null);
                } else {
                    textProperty().bind(Bindings.createStringBinding(state::listLabel, state.unread(), state.mentions(), state.encrypted()));
                    // "🔒 # team   (3)  @" in words for a screen reader: room, lock, unread and mentions.
                    accessibleTextProperty().bind(Bindings.createStringBinding(() -> ScreenReaderText.conversation(state, i18n),
                            state.unread(), state.mentions(), state.encrypted(), i18n.localeProperty()));
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selected().set(now);
            }
        });
        model.selected().addListener((obs, old, now) -> {
            list.getSelectionModel().select(now);
            show.accept(now);
        });
        Button join = button("join", "main.join", this::browseRooms);
        Button create = button("create", "main.create", () -> CreateRoomDialog.show(stage, i18n, this::create));
        Button leave = button("leave", "main.leave", this::leaveSelected);
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(8, title("main.conversations"), list, new HBox(6, join, create, leave));
        box.setPadding(new Insets(8));
        box.setPrefWidth(230);
        return box;
    }

    /** Joins {@code room} and selects it, or says why not. */
    void join(String room) {
        parley.join(room).whenComplete((joined, failure) -> {
            if (failure == null) {
                model.joined(joined);
            } else {
                Dialogs.error(stage, i18n, "error.join", failure);
            }
        });
    }

    /** The room browser with the server's current list; a failed listing still lets one type a name. */
    private void browseRooms() {
        parley.call(ParleyClient::rooms).whenComplete((list, failure) ->
                RoomBrowser.show(stage, i18n, failure == null ? list.rooms() : List.of(), this::join));
    }

    private void create(NewRoom room) {
        CompletableFuture<ChatEvent.JoinedRoom> created = room.encrypted()
                ? parley.createEncryptedRoom(room.name(), room.visibility())
                : parley.createRoom(room.name(), room.visibility());
        created.whenComplete((joined, failure) -> {
            if (failure == null) {
                model.joined(joined);
            } else {
                Dialogs.error(stage, i18n, "error.create", failure);
            }
        });
    }

    private void leaveSelected() {
        ConversationState state = model.selected().get();
        if (state == null) {
            return;
        }
        if (state.conversation() instanceof Conversation.InRoom room) {
            parley.leave(room.room()).whenComplete((v, failure) -> {
                if (failure == null || notInIt(failure)) {
                    model.remove(state);
                } else {
                    Dialogs.error(stage, i18n, "error.leave", failure);
                }
            });
        } else {
            model.remove(state);
        }
    }

    /**
     * The server refused to let the user leave because the user is no longer in the room (kicked,
     * banned, dropped after a reconnect, or the room is gone): the conversation goes all the same.
     */
    private static boolean notInIt(Throwable failure) {
        return Failures.unwrap(failure) instanceof RequestFailedException refused
                && (refused.code() == ErrorCode.NOT_A_MEMBER || refused.code() == ErrorCode.NO_SUCH_ROOM);
    }

    private Button button(String id, String key, Runnable action) {
        Button button = new Button();
        button.setId(id);
        button.textProperty().bind(i18n.text(key));
        button.setOnAction(e -> action.run());
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private Label title(String key) {
        Label label = new Label();
        label.getStyleClass().add("section");
        label.textProperty().bind(i18n.text(key));
        return label;
    }
}
