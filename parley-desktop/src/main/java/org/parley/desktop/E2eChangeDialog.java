package org.parley.desktop;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks before sending to (or inviting) a verified contact whose devices changed (docs/E2EE.md,
 * "The client"): the message goes out, or the invitation is signed, only after the user accepts the
 * change; otherwise nothing is sent. The
 * dialog does not block the FX thread (tests and the rest of the window keep running).
 */
final class E2eChangeDialog {
    private E2eChangeDialog() {
    }

    /** Shows the question; {@code accepted} or {@code declined} runs once on the FX thread when it is answered. */
    static Alert ask(Window owner, I18n i18n, String contact, Runnable accepted, Runnable declined) {
        return ask(owner, i18n, contact, "e2e.changedText", accepted, declined);
    }

    /**
     * As {@link #ask(Window, I18n, String, Runnable, Runnable)}, with the question {@code questionKey}
     * (for example {@code e2e.changedInviteText} before inviting the contact into an encrypted room).
     */
    static Alert ask(Window owner, I18n i18n, String contact, String questionKey, Runnable accepted, Runnable declined) {
        ButtonType accept = new ButtonType(i18n.get("e2e.accept"), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, i18n.get(questionKey, contact), accept, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Parley — " + i18n.get("e2e.changedTitle"));
        alert.setHeaderText(i18n.get("e2e.changedHeader", contact));
        alert.getDialogPane().setId("e2eChanged");
        alert.getDialogPane().lookupButton(accept).setId("acceptChanges");
        alert.setOnHidden(e -> {
            if (alert.getResult() == accept) {
                accepted.run();
            } else {
                declined.run();
            }
        });
        alert.show();
        return alert;
    }
}
