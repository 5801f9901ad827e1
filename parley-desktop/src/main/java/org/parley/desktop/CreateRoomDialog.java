package org.parley.desktop;

import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.parley.protocol.chat.RoomVisibility;

/**
 * Creates a room: its name, whether it is private (invite-only: only members and invitees see and
 * join it) and whether it is end-to-end encrypted. The encryption box follows the private box
 * (checked for a private room, unchecked for a public one) until the user changes it; one line
 * says the choice is final. Escape cancels. Node ids: {@code #createRoom}, {@code #newRoomName},
 * {@code #newRoomPrivate}, {@code #newRoomEncrypted}, {@code #newRoomFinal}, {@code #createRoomOk}.
 */
final class CreateRoomDialog {
    private CreateRoomDialog() {
    }

    static Dialog<ButtonType> show(Window owner, I18n i18n, Consumer<NewRoom> create) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Parley — " + i18n.get("main.create"));
        dialog.setHeaderText(i18n.get("main.roomName"));
        TextField name = new TextField();
        name.setId("newRoomName");
        CheckBox privateRoom = new CheckBox(i18n.get("create.private"));
        privateRoom.setId("newRoomPrivate");
        Label hint = new Label(i18n.get("create.privateHint"));
        hint.setWrapText(true);
        hint.setMaxWidth(380);
        hint.getStyleClass().add("hint");
        CheckBox encrypted = new CheckBox(i18n.get("create.encrypted"));
        encrypted.setId("newRoomEncrypted");
        boolean[] chosen = {false};
        encrypted.setOnAction(e -> chosen[0] = true);
        privateRoom.selectedProperty().addListener((obs, was, now) -> {
            if (!chosen[0]) {
                encrypted.setSelected(now);
            }
        });
        Label finalChoice = new Label(i18n.get("create.encryptedFinal"));
        finalChoice.setId("newRoomFinal");
        finalChoice.setWrapText(true);
        finalChoice.setMaxWidth(380);
        finalChoice.getStyleClass().add("hint");
        ButtonType ok = new ButtonType(i18n.get("create.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(i18n.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, cancel);
        dialog.getDialogPane().lookupButton(ok).setId("createRoomOk");
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(name.textProperty().isEmpty());
        dialog.getDialogPane().setContent(new VBox(8, name, privateRoom, hint, encrypted, finalChoice));
        dialog.getDialogPane().setId("createRoom");
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == ok && !name.getText().isBlank()) {
                create.accept(new NewRoom(name.getText().strip(),
                        privateRoom.isSelected() ? RoomVisibility.PRIVATE : RoomVisibility.PUBLIC, encrypted.isSelected()));
            }
        });
        dialog.show();
        name.requestFocus();
        return dialog;
    }
}
