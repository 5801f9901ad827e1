package org.parley.desktop;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;

/**
 * The right-hand pane: the members of the room shown (owners and operators marked, offline members
 * greyed), then who is online, each with its count; a click (or Enter) on a name opens a private
 * conversation.
 */
final class OnlinePane {
    private OnlinePane() {
    }

    static VBox create(I18n i18n, ChatModel model, Consumer<String> openPrivate, MemberMenu menu) {
        Label membersTitle = new Label();
        membersTitle.setId("membersTitle");
        membersTitle.getStyleClass().add("section");
        ListView<MemberInfo> members = new ListView<>();
        members.setId("members");
        members.setCellFactory(list -> new MemberCell(i18n, model));
        menu.install(members, () -> model.selected().get());
        whisperOnClickOrEnter(members, () -> {
            MemberInfo member = members.getSelectionModel().getSelectedItem();
            return member == null ? null : member.user();
        }, openPrivate);
        model.selected().addListener((obs, old, now) -> showMembers(i18n, now, members, membersTitle));
        i18n.localeProperty().addListener((obs, old, now) -> {
            showMembers(i18n, model.selected().get(), members, membersTitle);
            members.refresh(); // the same items: without it the roles would stay in the old language
        });
        showMembers(i18n, model.selected().get(), members, membersTitle);
        // Offline members are greyed: redraw when someone comes or goes.
        model.online().addListener((ListChangeListener<String>) change -> members.refresh());

        Label count = new Label();
        count.setId("onlineCount");
        count.getStyleClass().add("section");
        count.textProperty().bind(Bindings.createStringBinding(() -> i18n.get("main.online", model.onlineCount().get()),
                model.onlineCount(), i18n.localeProperty()));
        ListView<String> online = new ListView<>(model.online());
        online.setId("online");
        whisperOnClickOrEnter(online, () -> online.getSelectionModel().getSelectedItem(), openPrivate);
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("main.privateHint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox.setVgrow(members, Priority.ALWAYS);
        VBox.setVgrow(online, Priority.ALWAYS);
        VBox box = new VBox(8, membersTitle, members, count, online, hint);
        box.setPadding(new Insets(8));
        box.setPrefWidth(200);
        return box;
    }

    /** Shows the member list of {@code state} if it is a room, and hides the section for a private chat. */
    private static void showMembers(I18n i18n, ConversationState state, ListView<MemberInfo> members, Label title) {
        boolean room = state != null && state.conversation() instanceof Conversation.InRoom;
        members.setVisible(room);
        members.setManaged(room);
        title.setVisible(room);
        title.setManaged(room);
        members.setItems(room ? state.memberList() : FXCollections.observableArrayList());
        title.textProperty().unbind();
        if (room) {
            title.textProperty().bind(Bindings.createStringBinding(
                    () -> i18n.get("main.members", state.memberList().size()), state.memberList()));
        }
    }

    private static <T> void whisperOnClickOrEnter(ListView<T> list, java.util.function.Supplier<String> selectedUser,
            Consumer<String> openPrivate) {
        list.setOnMouseClicked(e -> openPrivate.accept(selectedUser.get()));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openPrivate.accept(selectedUser.get());
            }
        });
    }

    /** A member's name with its role; greyed while the member is offline, which its accessible text says in words. */
    private static final class MemberCell extends ListCell<MemberInfo> {
        private final I18n i18n;
        private final ChatModel model;

        MemberCell(I18n i18n, ChatModel model) {
            this.i18n = i18n;
            this.model = model;
        }

        @Override
        protected void updateItem(MemberInfo member, boolean empty) {
            super.updateItem(member, empty);
            getStyleClass().remove("offline-member");
            if (empty || member == null) {
                setText(null);
                setAccessibleText(null);
                return;
            }
            String role = member.role() == Role.OWNER || member.role() == Role.OP
                    ? "  · " + i18n.get("role." + member.role().name()) : "";
            setText(member.user() + role);
            boolean online = model.online().stream().anyMatch(u -> u.equalsIgnoreCase(member.user()));
            if (!online) {
                getStyleClass().add("offline-member");
            }
            // Greyed is not enough for a screen reader (nor for everyone's eyes): it says "offline".
            setAccessibleText(ScreenReaderText.member(member, online, i18n));
        }
    }
}
