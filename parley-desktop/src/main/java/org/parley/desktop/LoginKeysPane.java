package org.parley.desktop;

import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.parley.client.ParleySession;
import org.parley.protocol.auth.LoginKeyFingerprints;
import org.parley.protocol.auth.RegisteredPublicKey;

/**
 * The Account window's login keys: each key's algorithm and fingerprint, this session's own
 * reconnect key marked (it is removed when the app quits), and Remove for the selected key. Node
 * ids: {@code #loginKeys}, {@code #removeLoginKey}, {@code #loginKeysStatus}.
 */
final class LoginKeysPane {
    private final I18n i18n;
    private final ParleySession session;
    private final ObservableList<RegisteredPublicKey> keys = FXCollections.observableArrayList();
    private final ListView<RegisteredPublicKey> list = new ListView<>(keys);
    private final Label status = new Label();

    LoginKeysPane(I18n i18n, ParleySession session) {
        this.i18n = i18n;
        this.session = session;
    }

    /** The pane, already loading the list from the server. */
    VBox node() {
        list.setId("loginKeys");
        list.setPrefHeight(110);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RegisteredPublicKey key, boolean empty) {
                super.updateItem(key, empty);
                setText(empty || key == null ? null : describe(key));
            }
        });
        list.setPlaceholder(new Label(i18n.get("keys.none")));
        Button remove = new Button(i18n.get("keys.remove"));
        remove.setId("removeLoginKey");
        remove.setMinWidth(Region.USE_PREF_SIZE);
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> remove());
        Button reload = new Button(i18n.get("keys.reload"));
        reload.setId("reloadLoginKeys");
        reload.setOnAction(e -> reload());
        status.setId("loginKeysStatus");
        status.setWrapText(true);
        HBox.setHgrow(list, Priority.ALWAYS);
        reload();
        return new VBox(6, new HBox(8, list, new VBox(6, remove, reload)), status);
    }

    private String describe(RegisteredPublicKey key) {
        boolean own = session.sessionKey().filter(key::equals).isPresent();
        return key.algorithm().label() + "  " + LoginKeyFingerprints.of(key) + (own ? "  — " + i18n.get("keys.thisSession") : "");
    }

    /** Loads the list from the server. FX thread. */
    void reload() {
        session.call(client -> client.loginKeys()).whenComplete((loaded, failure) -> {
            if (failure == null) {
                keys.setAll(loaded);
            } else {
                status.setText(Dialogs.explain(i18n, failure));
            }
        });
    }

    private void remove() {
        Optional<RegisteredPublicKey> selected = Optional.ofNullable(list.getSelectionModel().getSelectedItem());
        selected.ifPresent(key -> session.call(client -> client.removeLoginKey(key.algorithm(), key.publicKey()))
                .whenComplete((v, failure) -> {
                    status.setText(failure == null ? i18n.get("keys.removed", LoginKeyFingerprints.of(key)) : Dialogs.explain(i18n, failure));
                    reload();
                }));
    }
}
