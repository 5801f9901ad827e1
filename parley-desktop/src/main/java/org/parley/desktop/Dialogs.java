package org.parley.desktop;

import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.parley.client.ConnectionFailedException;
import org.parley.client.LoginFailedException;
import org.parley.client.RequestFailedException;
import org.parley.client.RequestQueueFullException;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.WeakPasswordException;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.identity.Fingerprint;

/**
 * The app's dialogs: trust-on-first-use, the changed-key warning, and readable errors.
 *
 * <p>Dialogs are shown with {@code show()}, never {@code showAndWait()}, and report through a
 * callback, so no caller blocks the JavaFX thread on the user. Node ids ({@code #trust},
 * {@code #reject}, {@code #keyChanged}, {@code #error}) let tests find them.
 *
 * <p><b>Security.</b> Trusting is an explicit click; closing the dialog any other way rejects.
 * A changed key offers no way to continue: only the explanation and OK.
 */
public final class Dialogs {
    private Dialogs() {
    }

    /** Asks whether to trust a server seen for the first time; {@code answer} gets true only for "Trust". */
    public static Alert trust(Window owner, I18n i18n, String server, Fingerprint fingerprint, Consumer<Boolean> answer) {
        ButtonType trust = new ButtonType(i18n.get("trust.accept"), ButtonBar.ButtonData.OK_DONE);
        ButtonType reject = new ButtonType(i18n.get("trust.reject"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", trust, reject);
        alert.initOwner(owner);
        alert.setTitle("Parley — " + i18n.get("trust.title"));
        alert.setHeaderText(i18n.get("trust.header", server));
        TextArea print = readOnly(fingerprint.toString());
        print.setId("fingerprint");
        alert.getDialogPane().setContent(new VBox(8, wrapped(i18n.get("trust.explain")), print));
        alert.getDialogPane().setId("trustDialog");
        javafx.scene.control.Button trustButton = (javafx.scene.control.Button) alert.getDialogPane().lookupButton(trust);
        javafx.scene.control.Button rejectButton = (javafx.scene.control.Button) alert.getDialogPane().lookupButton(reject);
        trustButton.setId("trust");
        rejectButton.setId("reject");
        // Enter (pressed once more after Connect) rejects: trusting takes a click on Trust.
        trustButton.setDefaultButton(false);
        rejectButton.setDefaultButton(true);
        alert.setOnHidden(e -> answer.accept(alert.getResult() == trust));
        alert.show();
        return alert;
    }

    /** The blocking red warning for a changed server key; the connection has already been refused. */
    public static Alert keyChanged(Window owner, I18n i18n, ServerKeyChangedException changed) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Parley — " + i18n.get("changed.title"));
        alert.setHeaderText(i18n.get("changed.header", changed.server()));
        TextArea prints = readOnly(i18n.get("changed.pinned") + "  " + changed.pinned() + "\n"
                + i18n.get("changed.offered") + "  " + changed.offered());
        alert.getDialogPane().setContent(new VBox(8, wrapped(i18n.get("changed.explain", changed.server())), prints));
        alert.getDialogPane().setId("keyChanged");
        alert.getDialogPane().getStyleClass().add("danger");
        alert.getDialogPane().setStyle("-fx-border-color: #c62828; -fx-border-width: 4; -fx-background-color: #ffebee;");
        alert.show();
        return alert;
    }

    /** A readable error: what failed and why, in the user's language, never a stack trace. */
    public static Alert error(Window owner, I18n i18n, String whatKey, Throwable failure) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Parley — " + i18n.get("error.title"));
        alert.setHeaderText(i18n.get(whatKey));
        alert.getDialogPane().setContent(wrapped(explain(i18n, failure)));
        alert.getDialogPane().setId("error");
        alert.show();
        return alert;
    }

    /** One sentence for a failure from the client library or from input checks. */
    public static String explain(I18n i18n, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        return switch (cause) {
            case LoginFailedException login when login.code().filter(AuthFailureCode.UNSUPPORTED_METHOD::equals).isPresent() ->
                    i18n.get("error.unsupportedMethod");
            case LoginFailedException login -> login.rejection()
                    .map(r -> i18n.get("error.registration", i18n.get("reject." + r.name())))
                    .orElseGet(() -> i18n.get("error.login"));
            case RequestFailedException request -> i18n.has("code." + request.code().name())
                    ? i18n.get("code." + request.code().name(), request.detail())
                    : i18n.get("error.request", request.detail());
            case ConnectionFailedException connection -> i18n.get("error.connection", ServerTexts.translate(i18n, connection.getMessage()));
            case TimeoutException timeout -> i18n.get("error.timeout");
            case SendNotConfirmedException unconfirmed -> i18n.get("error.notConfirmed");
            case RequestQueueFullException full -> i18n.get("error.queueFull");
            case WeakPasswordException weak -> i18n.get("password." + weak.reason().name());
            case KeyFileException keyFile -> i18n.get("error.keyFileDetail", keyFile.getMessage());
            case IllegalArgumentException input -> i18n.get("error.input", input.getMessage());
            // Never a class name: a failure without a message gets a sentence of its own.
            default -> cause.getMessage() == null ? i18n.get("error.unknown") : i18n.get("error.other", cause.getMessage());
        };
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(520);
        return label;
    }

    private static TextArea readOnly(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(3);
        area.setPrefColumnCount(44);
        area.getStyleClass().add("mono");
        return area;
    }
}
