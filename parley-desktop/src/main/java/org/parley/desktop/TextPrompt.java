package org.parley.desktop;

import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * A one-line question with translated OK and Cancel (JavaFX's own dialogs label their buttons in
 * the JVM's language, not the app's). {@code answer} runs only for OK. Node ids: {@code #prompt},
 * {@code #promptText}, {@code #promptOk}.
 */
final class TextPrompt {
    private TextPrompt() {
    }

    static Dialog<ButtonType> show(Window owner, I18n i18n, String title, String question, String initial, Consumer<String> answer) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Parley — " + title);
        dialog.setHeaderText(question);
        TextField field = new TextField(initial);
        field.setId("promptText");
        field.setPrefColumnCount(32);
        ButtonType ok = new ButtonType(i18n.get("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(i18n.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, cancel);
        dialog.getDialogPane().lookupButton(ok).setId("promptOk");
        dialog.getDialogPane().setContent(field);
        dialog.getDialogPane().setId("prompt");
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == ok) {
                answer.accept(field.getText().strip());
            }
        });
        dialog.show();
        field.requestFocus();
        return dialog;
    }
}
