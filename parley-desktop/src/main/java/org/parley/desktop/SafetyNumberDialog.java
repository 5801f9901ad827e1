package org.parley.desktop;

import java.io.File;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.parley.client.SafetyNumberChangedException;
import org.parley.crypto.Bytes;
import org.parley.desktop.e2ee.SafetyComparison;
import org.parley.desktop.e2ee.SafetyQr;
import org.parley.e2ee.safety.SafetyNumber;

/**
 * The safety number of this user and a contact (docs/E2EE.md section 13): the 60 digits in twelve
 * groups, the QR code of the 65-byte payload, what it means, a field that compares the other side's
 * pasted digits or payload (or their QR code saved as an image), and "Mark as verified".
 *
 * <p><b>Security.</b> A match says only that both devices computed the number from the same device
 * keys; the user must compare with the other person over a channel the server does not control
 * (in person, a call). Marking verified is the user's decision and is never done automatically,
 * even after a match.
 */
final class SafetyNumberDialog {
    private static final int QR_SCALE = 5;
    private final I18n i18n;
    private final String contact;
    /** The number shown, the one the user compares and {@code markVerified} vouches for. FX thread. */
    private SafetyNumber number;
    private final BiFunction<String, SafetyNumber, java.util.concurrent.CompletionStage<?>> markVerified;
    private final Stage stage = new Stage();
    private final Label comparison = new Label();
    private final Label verifiedState = new Label();
    private final Button mark = new Button();
    private final Label digits = new Label();
    private final ImageView qr = new ImageView();
    private final TextField payload = new TextField();
    private final TextField pasted = new TextField();

    private SafetyNumberDialog(Window owner, I18n i18n, String contact, SafetyNumber number, boolean verified,
            BiFunction<String, SafetyNumber, java.util.concurrent.CompletionStage<?>> markVerified) {
        this.i18n = i18n;
        this.contact = contact;
        this.number = number;
        this.markVerified = markVerified;
        stage.initOwner(owner);
        stage.titleProperty().bind(i18n.title("safety.title"));
        Scene scene = new Scene(build(verified), 620, 760);
        scene.getStylesheets().add(Styles.sheet());
        stage.setScene(scene);
    }

    /**
     * Shows the safety number with {@code contact}; {@code markVerified} records the user's
     * decision for the number shown (the client library's {@code markVerified(user, number)}). When
     * that number no longer holds, the dialog says so and shows the new one to compare.
     */
    static Stage show(Window owner, I18n i18n, String contact, SafetyNumber number, boolean verified,
            BiFunction<String, SafetyNumber, java.util.concurrent.CompletionStage<?>> markVerified) {
        SafetyNumberDialog dialog = new SafetyNumberDialog(owner, i18n, contact, number, verified, markVerified);
        dialog.stage.getProperties().put(SafetyNumberDialog.class, dialog);
        dialog.stage.show();
        return dialog.stage;
    }

    private VBox build(boolean verified) {
        Label heading = new Label();
        heading.textProperty().bind(i18n.text("safety.heading", contact));
        heading.getStyleClass().add("section");
        digits.setText(rows(number.grouped()));
        digits.setId("safetyDigits");
        digits.getStyleClass().add("safety-digits");
        qr.setImage(SafetyQr.image(number.qrPayload(), QR_SCALE));
        qr.setId("safetyQr");
        Label explain = new Label();
        explain.textProperty().bind(i18n.text("safety.explain", contact));
        explain.setWrapText(true);
        explain.getStyleClass().add("hint");

        payload.setText(number.qrPayload().toHex());
        payload.setId("safetyPayload");
        payload.setEditable(false);
        pasted.setId("safetyCompare");
        pasted.promptTextProperty().bind(i18n.text("safety.comparePrompt"));
        pasted.textProperty().addListener((o, old, text) -> show(text.isBlank() ? null
                : SafetyComparison.pasted(number, text)));
        HBox.setHgrow(pasted, Priority.ALWAYS);
        Button image = button("safetyOpenImage", "safety.openImage", this::openImage);
        comparison.setId("safetyCompareResult");
        comparison.setWrapText(true);

        mark.setId("markVerified");
        mark.textProperty().bind(i18n.text("safety.mark"));
        mark.setOnAction(e -> markVerified());
        verifiedState.setId("safetyVerified");
        showVerified(verified);

        VBox root = new VBox(10, heading, digits, qr, explain, label("safety.payload"), payload,
                label("safety.compare"), new HBox(6, pasted, image), comparison, new HBox(10, mark, verifiedState));
        root.setPadding(new Insets(16));
        return root;
    }

    /** Compares with the payload of a QR code saved as an image by the other side's client. FX thread. */
    private void openImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Parley — " + i18n.get("safety.openImage"));
        File picked = chooser.showOpenDialog(stage);
        if (picked != null) {
            compareImage(new Image(picked.toURI().toString()));
        }
    }

    /** FX thread. */
    void compareImage(Image image) {
        Optional<Bytes> scanned = SafetyQr.read(image);
        show(scanned.map(p -> SafetyComparison.scanned(number, p)).orElse(SafetyComparison.Outcome.UNREADABLE));
    }

    private void show(SafetyComparison.Outcome outcome) {
        comparison.textProperty().unbind();
        comparison.getStyleClass().removeAll("ok", "invalid");
        if (outcome == null) {
            comparison.setText("");
            return;
        }
        String key = switch (outcome) {
            case MATCH -> "safety.match";
            case NO_MATCH -> "safety.noMatch";
            case UNREADABLE -> "safety.unreadable";
        };
        comparison.textProperty().bind(i18n.text(key, contact));
        comparison.getStyleClass().add(outcome == SafetyComparison.Outcome.MATCH ? "ok" : "invalid");
    }

    private void markVerified() {
        mark.setDisable(true);
        markVerified.apply(contact, number).whenComplete((done, failure) -> javafx.application.Platform.runLater(() -> {
            if (failure == null) {
                showVerified(true);
            } else if (Failures.unwrap(failure) instanceof SafetyNumberChangedException changed) {
                showNumber(changed.current());
                mark.setDisable(false);
                verifiedState.textProperty().bind(i18n.text("safety.changed", contact));
                verifiedState.getStyleClass().setAll("label", "invalid");
            } else {
                mark.setDisable(false);
                verifiedState.textProperty().unbind();
                verifiedState.setText(Dialogs.explain(i18n, failure));
            }
        }));
    }

    /** Shows {@code shown} as the number to compare (a comparison made with the old one is cleared). FX thread. */
    private void showNumber(SafetyNumber shown) {
        number = shown;
        digits.setText(rows(shown.grouped()));
        qr.setImage(SafetyQr.image(shown.qrPayload(), QR_SCALE));
        payload.setText(shown.qrPayload().toHex());
        pasted.clear();
        show(null);
    }

    private void showVerified(boolean verified) {
        mark.setDisable(verified);
        verifiedState.textProperty().bind(i18n.text(verified ? "safety.verified" : "safety.notVerified", contact));
        verifiedState.getStyleClass().setAll("label", verified ? "ok" : "hint");
    }

    /** Twelve groups of five as three rows of four. */
    private static String rows(String grouped) {
        String[] groups = grouped.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            out.append(i == 0 ? "" : i % 4 == 0 ? "\n" : "   ").append(groups[i]);
        }
        return out.toString();
    }

    private Button button(String id, String key, Runnable action) {
        Button button = new Button();
        button.setId(id);
        button.textProperty().bind(i18n.text(key));
        button.setOnAction(e -> action.run());
        return button;
    }

    private Label label(String key) {
        Label label = new Label();
        label.textProperty().bind(i18n.text(key));
        return label;
    }
}
