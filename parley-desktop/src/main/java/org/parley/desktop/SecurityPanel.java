package org.parley.desktop;

import java.util.List;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.parley.client.KeyUpdates;
import org.parley.client.e2ee.ContactDevice;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.handshake.HandshakeStep;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.SuiteComponent;

/**
 * The teaching view of what protected this session: the negotiated suite component by component
 * (security bits, forward secrecy, post-quantum), the server's key and when it was pinned, the
 * handshake messages with sizes, encryption and transcript hashes, the key updates so far (with a
 * button to ratchet the keys now), the login method, and what an attacker on the network sees of it
 * ({@link AttackerView}).
 *
 * <p>Rebuilt when the language changes. Every value comes from the client library's
 * {@link SessionInfo}; nothing here is computed from secrets.
 */
public final class SecurityPanel {
    private SecurityPanel() {
    }

    /**
     * Opens the panel as its own window; it follows the live connection (a reconnect replaces the
     * session) and the key-update counts as they change.
     */
    public static Stage show(Window owner, I18n i18n, ObservableValue<DesktopSession> session, ObservableValue<KeyUpdates> keyUpdates,
            Optional<Conversation> selected) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.titleProperty().bind(i18n.title("security.title"));
        ScrollPane scroll = new ScrollPane(withE2e(i18n, session.getValue(), keyUpdates, stage, selected));
        scroll.setFitToWidth(true);
        scroll.setId("securityPanel");
        InvalidationListener rebuild = obs -> scroll.setContent(withE2e(i18n, session.getValue(), keyUpdates, stage, selected));
        i18n.localeProperty().addListener(rebuild);
        session.addListener(rebuild);
        stage.setOnHidden(e -> {
            i18n.localeProperty().removeListener(rebuild);
            session.removeListener(rebuild);
        });
        Scene scene = new Scene(scroll, 760, 720);
        scene.getStylesheets().add(Styles.sheet());
        stage.setScene(scene);
        Shortcuts.closeOnEscape(stage);
        stage.show();
        return stage;
    }

    /**
     * The panel, and for the selected conversation its end-to-end section, filled in when the client
     * library answers: for a private conversation the suite and ratchet of the session with each of
     * the peer's devices; for a room its sender-chain labels and membership-log status, or that it
     * is not end-to-end encrypted.
     */
    private static VBox withE2e(I18n i18n, DesktopSession session, ObservableValue<KeyUpdates> keyUpdates, Window owner,
            Optional<Conversation> selected) {
        VBox box = content(i18n, session, keyUpdates, owner);
        if (selected.isEmpty()) {
            return box;
        }
        VBox e2e = new VBox(12);
        e2e.setId("e2eSection");
        box.getChildren().addFirst(e2e);
        switch (selected.get()) {
            case Conversation.InRoom room -> roomSection(i18n, session, room.room(), e2e);
            case Conversation.WithUser with -> privateSection(i18n, session, with.peer(), e2e);
        }
        return box;
    }

    private static void roomSection(I18n i18n, DesktopSession session, String room, VBox e2e) {
        if (!session.parley().isEncrypted(room)) {
            e2e.getChildren().setAll(RoomSecuritySection.of(i18n, room, Optional.empty()));
            return;
        }
        session.parley().roomView(room).whenComplete((view, failure) -> {
            if (failure == null) {
                e2e.getChildren().setAll(RoomSecuritySection.of(i18n, room, Optional.of(view)));
            } else {
                Label unavailable = text(i18n.get("roomE2e.unavailable", room, Dialogs.explain(i18n, failure)));
                unavailable.setId("roomE2eUnavailable");
                e2e.getChildren().setAll(unavailable);
            }
        });
    }

    private static void privateSection(I18n i18n, DesktopSession session, String user, VBox e2e) {
        session.parley().ratchetView(user).whenComplete((devices, failure) -> {
            if (failure != null || devices.isEmpty()) {
                e2e.getChildren().setAll(E2eRatchetSection.of(i18n, user, Optional.empty()));
                return;
            }
            for (ContactDevice device : devices) {
                e2e.getChildren().add(E2eRatchetSection.of(i18n, i18n.get("e2e.deviceOf", user, device.deviceId()),
                        device.ratchet()));
            }
        });
    }

    static VBox content(I18n i18n, DesktopSession session, ObservableValue<KeyUpdates> keyUpdates, Window owner) {
        SessionInfo info = session.client().session();
        CipherSuite suite = info.suite();
        GridPane components = grid(List.of(i18n.get("security.part"), i18n.get("security.algorithm"),
                i18n.get("security.bits"), i18n.get("security.pq"), i18n.get("security.status")));
        addComponent(components, 1, i18n.get("security.kex"), suite.keyExchange(), i18n);
        addComponent(components, 2, i18n.get("security.signature"), suite.signature(), i18n);
        addComponent(components, 3, i18n.get("security.cipher"), suite.cipher(), i18n);
        addComponent(components, 4, i18n.get("security.hash"), suite.hash(), i18n);
        Label name = value(suite.canonicalName());
        name.setId("suiteName");
        Label summary = text(i18n.get("security.summary", suite.securityBits(), yes(i18n, suite.forwardSecret()),
                yes(i18n, suite.postQuantumConfidentiality()), yes(i18n, suite.postQuantumAuthentication())));
        summary.setId("suiteSummary");

        Label fingerprint = value(info.serverFingerprint().toString());
        fingerprint.setId("fingerprintValue");
        Label pinned = text(i18n.get(session.pinnedNow() ? "security.pinnedNow" : "security.pinnedEarlier", session.server()));
        pinned.setId("pinnedWhen");

        GridPane steps = grid(List.of("#", i18n.get("security.message"), i18n.get("security.size"),
                i18n.get("security.encrypted"), i18n.get("security.transcript")));
        steps.setId("steps");
        int row = 1;
        for (HandshakeStep step : info.steps()) {
            steps.addRow(row, value(Integer.toString(row)), value(step.type().name()), value(step.size() + " B"),
                    text(yes(i18n, step.encrypted())), value(prefix(step.transcriptHashAfter().toHex())));
            row++;
        }
        Label login = text(i18n.get("security.login." + session.method().name())
                + (session.reconnected() ? " " + i18n.get("security.reconnected") : ""));
        login.setId("loginMethod");
        Label counts = value("");
        counts.setId("keyUpdateCounts");
        counts.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.get("security.keyUpdateCounts", keyUpdates.getValue().sent(), keyUpdates.getValue().received()), keyUpdates));
        Button update = new Button(i18n.get("security.updateKeys"));
        update.setId("updateKeys");
        // Through the session, so the answer comes back on the FX thread.
        update.setOnAction(e -> session.parley().call(client -> client.updateKeys()).whenComplete((now, failure) -> {
            if (failure != null) {
                Dialogs.error(owner, i18n, "error.updateKeys", failure);
            }
        }));

        VBox box = new VBox(10,
                heading(i18n.get("security.suiteHeading")), text(i18n.get("security.suiteExplain")), name, components, summary,
                heading(i18n.get("security.serverHeading")), text(i18n.get("security.serverExplain", info.serverKeyAlgorithm().label())),
                fingerprint, pinned,
                heading(i18n.get("security.handshakeHeading")), text(i18n.get("security.handshakeExplain")), steps,
                heading(i18n.get("security.keyUpdatesHeading")), text(i18n.get("security.keyUpdates")),
                new HBox(12, counts, update),
                heading(i18n.get("security.loginHeading")), login);
        box.getChildren().addAll(AttackerView.nodes(i18n, session.client()));
        box.setPadding(new Insets(16));
        box.getStyleClass().add("security");
        return box;
    }

    private static void addComponent(GridPane grid, int row, String part, SuiteComponent component, I18n i18n) {
        grid.addRow(row, text(part), value(component.label()), value(Integer.toString(component.securityBits())),
                text(yes(i18n, component.postQuantum())), text(component.status().name()));
    }

    private static GridPane grid(List<String> headings) {
        GridPane grid = new GridPane(18, 4);
        for (int i = 0; i < headings.size(); i++) {
            Label label = new Label(headings.get(i));
            label.getStyleClass().add("column");
            grid.add(label, i, 0);
        }
        return grid;
    }

    private static String prefix(String hex) {
        return hex.substring(0, Math.min(16, hex.length())) + "…";
    }

    private static String yes(I18n i18n, boolean value) {
        return i18n.get(value ? "security.yes" : "security.no");
    }

    private static Node heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section");
        return label;
    }

    private static Label text(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    private static Label value(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("mono");
        return label;
    }
}
