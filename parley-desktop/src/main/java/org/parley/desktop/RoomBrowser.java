package org.parley.desktop;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;

/**
 * The Join dialog: the rooms the server lists (public ones and the private rooms one belongs to or
 * is invited to), filtered as one types into the search field by name or topic; Join takes the
 * selected room, or the typed name when nothing is selected. Every text is translated, the buttons
 * included. Node ids: {@code #roomBrowser}, {@code #roomSearch}, {@code #roomList}, {@code #roomJoin}.
 */
final class RoomBrowser {
    private RoomBrowser() {
    }

    static Dialog<ButtonType> show(Window owner, I18n i18n, List<RoomInfo> rooms, Consumer<String> join) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Parley — " + i18n.get("main.join"));
        dialog.setHeaderText(i18n.get("browser.header"));
        TextField search = new TextField();
        search.setId("roomSearch");
        search.setPromptText(i18n.get("browser.search"));
        FilteredList<RoomInfo> shown = new FilteredList<>(FXCollections.observableArrayList(rooms));
        ListView<RoomInfo> list = new ListView<>(shown);
        list.setId("roomList");
        list.setPrefHeight(260);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RoomInfo room, boolean empty) {
                super.updateItem(room, empty);
                setText(empty || room == null ? null : describe(i18n, room));
            }
        });
        search.textProperty().addListener((obs, old, now) -> shown.setPredicate(room -> matches(room, now)));
        Label empty = new Label(i18n.get("browser.empty"));
        list.setPlaceholder(empty);
        ButtonType joinType = new ButtonType(i18n.get("browser.join"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(i18n.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(joinType, cancel);
        dialog.getDialogPane().lookupButton(joinType).setId("roomJoin");
        dialog.getDialogPane().setContent(new VBox(8, search, list));
        dialog.getDialogPane().setId("roomBrowser");
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(joinType);
                dialog.close();
            }
        });
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == joinType) {
                RoomInfo selected = list.getSelectionModel().getSelectedItem();
                String name = selected != null ? selected.name() : search.getText().strip();
                if (!name.isEmpty()) {
                    join.accept(name);
                }
            }
        });
        dialog.show();
        search.requestFocus();
        return dialog;
    }

    /** Whether {@code room}'s name or topic contains {@code query}, ignoring case; an empty query matches all. */
    static boolean matches(RoomInfo room, String query) {
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return wanted.isEmpty() || room.name().toLowerCase(Locale.ROOT).contains(wanted)
                || room.topic().toLowerCase(Locale.ROOT).contains(wanted);
    }

    static String describe(I18n i18n, RoomInfo room) {
        String lock = (room.visibility() == RoomVisibility.PRIVATE ? " 🔒 " + i18n.get("browser.private") : "")
                + (room.encrypted() ? " · " + i18n.get("browser.encrypted") : "");
        String topic = room.topic().isEmpty() ? "" : " — " + DisplayText.safe(room.topic());
        return "# " + room.name() + lock + "   " + i18n.get("browser.counts", room.memberCount(), room.onlineCount()) + topic;
    }
}
