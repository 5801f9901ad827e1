package org.parley.desktop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.parley.client.LoginKeyFile;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The account window: change the password, make or add a login key file so that the next
 * sign-in (here or with {@code parley chat --key}) needs no password, list or remove the
 * account's login keys ({@link LoginKeysPane}), and list this account's end-to-end devices (name,
 * added, last seen) with Remove for each device other than this one.
 *
 * <p>All work runs through the client library's futures or on a background thread; the window
 * reports each result in a status line instead of a dialog.
 *
 * <p><b>Security.</b> The new password is typed twice and compared here; the characters are
 * handed to the client library, which derives the SCRAM verifier locally and wipes them, and both
 * fields are cleared at once. A created key file is owner-only (0600), never overwrites an existing
 * file, and only its public key goes to the server; an added file goes through the same checks as
 * key sign-in ({@link LoginKeyFile#read}).
 */
final class AccountWindow {
    private final I18n i18n;
    private final Supplier<ParleyClient> client;
    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());
    private final Stage stage = new Stage();
    private final PasswordField current = new PasswordField();
    private final PasswordField password = new PasswordField();
    private final PasswordField again = new PasswordField();
    private final TextField keyFile = new TextField();
    private final Label status = new Label();
    private final LoginKeysPane loginKeys;
    private final ParleySession parley;
    private final VBox devices = new VBox(4);

    private AccountWindow(Window owner, I18n i18n, ParleySession session) {
        this.i18n = i18n;
        this.client = session::client;
        this.parley = session;
        this.loginKeys = new LoginKeysPane(i18n, session);
        stage.initOwner(owner);
        stage.titleProperty().bind(i18n.title("account.title"));
        Scene scene = new Scene(build(), 620, 600);
        scene.getStylesheets().add(Styles.sheet());
        stage.setScene(scene);
        Shortcuts.closeOnEscape(stage);
    }

    /** Opens the window for {@code session}, whose live connection changes after a reconnect. */
    static Stage show(Window owner, I18n i18n, ParleySession session) {
        AccountWindow window = new AccountWindow(owner, i18n, session);
        window.stage.show();
        window.refreshDevices();
        return window.stage;
    }

    private VBox build() {
        current.setId("currentPassword");
        password.setId("newPassword");
        again.setId("newPasswordAgain");
        Button change = button("changePassword", "account.change", this::changePassword);
        GridPane passwords = new GridPane(10, 8);
        passwords.addRow(0, label("account.currentPassword"), current);
        passwords.addRow(1, label("account.newPassword"), password);
        passwords.addRow(2, label("account.again"), again);
        passwords.add(change, 1, 3);

        keyFile.setId("accountKeyFile");
        keyFile.setText(Path.of(System.getProperty("user.home"), ".parley", "id_ed25519").toString());
        HBox.setHgrow(keyFile, Priority.ALWAYS);
        Button browse = button("accountBrowse", "login.browse", this::browse);
        Button create = button("createKey", "account.createKey", this::createKey);
        Button add = button("addKey", "account.addKey", this::addKey);
        Label keyHint = label("account.keyHint");
        keyHint.setWrapText(true);
        keyHint.getStyleClass().add("hint");

        status.setId("accountStatus");
        status.setWrapText(true);
        Label devicesHint = label("account.devicesHint");
        devicesHint.setWrapText(true);
        devicesHint.getStyleClass().add("hint");
        devices.setId("accountDevices");
        VBox root = new VBox(10, section("account.passwordHeading"), passwords,
                section("account.keyHeading"), keyHint, new HBox(6, keyFile, browse), new HBox(8, create, add),
                section("account.devicesHeading"), devicesHint, devices, status,
                section("keys.heading"), loginKeys.node());
        root.setPadding(new Insets(16));
        return root;
    }

    /**
     * Lists this account's end-to-end devices: name, added, last seen, Remove (not for this one),
     * and Accept for a device not accepted here yet (it gets no encrypted-room keys until then). FX thread.
     */
    void refreshDevices() {
        parley.devices().thenCombine(parley.pendingOwnDevices(), DevicesNow::new).whenComplete((now, failure) -> {
            if (failure != null) {
                report(false, Dialogs.explain(i18n, failure));
                return;
            }
            devices.getChildren().clear();
            for (DeviceInfo device : now.list()) {
                boolean self = device.deviceId() == parley.deviceId();
                boolean pending = now.pending().contains(device.deviceId());
                Label entry = new Label(i18n.get("account.deviceEntry", device.deviceId(), device.name(),
                        DAY.format(Instant.ofEpochMilli(device.addedAtMillis())), DAY.format(Instant.ofEpochMilli(device.lastSeenMillis())))
                        + (self ? " " + i18n.get("account.thisDevice") : "")
                        + (pending ? " " + i18n.get("account.notAccepted") : ""));
                entry.setId("device-" + device.deviceId());
                HBox row = new HBox(10, entry);
                row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                if (pending) {
                    row.getChildren().add(button("accept-" + device.deviceId(), "account.accept", this::acceptDevices));
                }
                if (!self) {
                    Button remove = button("remove-" + device.deviceId(), "account.remove", () -> removeDevice(device.deviceId()));
                    row.getChildren().add(remove);
                }
                devices.getChildren().add(row);
            }
        });
    }

    private record DevicesNow(java.util.List<DeviceInfo> list, java.util.Set<Long> pending) {
    }

    /** Accepts the account's devices listed now (the same call as for a contact, with the own name). */
    private void acceptDevices() {
        parley.acceptChanges(parley.displayName()).whenComplete((v, failure) -> {
            report(failure == null, failure == null ? i18n.get("account.accepted") : Dialogs.explain(i18n, failure));
            refreshDevices();
        });
    }

    private void removeDevice(long deviceId) {
        parley.removeDevice(deviceId).whenComplete((v, failure) -> {
            report(failure == null, failure == null ? i18n.get("account.removed", deviceId) : Dialogs.explain(i18n, failure));
            refreshDevices();
        });
    }

    /** FX thread. */
    void changePassword() {
        char[] old = current.getText().toCharArray();
        char[] first = password.getText().toCharArray();
        char[] second = again.getText().toCharArray();
        current.clear();
        password.clear();
        again.clear();
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (!same || first.length == 0 || old.length == 0) {
            Arrays.fill(old, '\0');
            Arrays.fill(first, '\0');
            report(false, i18n.get(old.length == 0 ? "account.currentMissing" : same ? "account.empty" : "account.mismatch"));
            return;
        }
        finish(client.get().changePassword(old, first), "account.changed");
    }

    /** Creates an owner-only key file at the path shown and registers its public key. FX thread. */
    void createKey() {
        Path file = Path.of(keyFile.getText().strip());
        finish(KeyFileException.async(() -> {
            LoginKeyFile.refuseExisting(file);
            return LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom());
        }).thenCompose(this::register), "account.keyCreated", file);
    }

    /** Registers the public key of the existing key file at the path shown. FX thread. */
    void addKey() {
        Path file = Path.of(keyFile.getText().strip());
        finish(KeyFileException.async(() -> LoginKeyFile.read(file)).thenCompose(this::register),
                "account.keyAdded", file);
    }

    private CompletableFuture<Void> register(LoginKeyFile.LoginKey key) {
        return client.get().addLoginKey(key.algorithm(), key.key().publicKey()).thenRun(() -> Platform.runLater(loginKeys::reload));
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Parley — " + i18n.get("login.keyFile"));
        Path current = Path.of(keyFile.getText().strip()).toAbsolutePath();
        if (current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
            chooser.setInitialFileName(current.getFileName().toString());
        }
        File picked = chooser.showSaveDialog(stage);
        if (picked != null) {
            keyFile.setText(picked.getPath());
        }
    }

    private void finish(CompletableFuture<?> work, String doneKey, Object... args) {
        work.whenComplete((result, failure) -> Platform.runLater(() -> report(failure == null,
                failure == null ? i18n.get(doneKey, args) : Dialogs.explain(i18n, failure))));
    }

    private void report(boolean ok, String text) {
        status.setText(text);
        status.getStyleClass().removeAll("invalid", "ok");
        status.getStyleClass().add(ok ? "ok" : "invalid");
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

    private Label section(String key) {
        Label label = label(key);
        label.getStyleClass().add("section");
        return label;
    }
}
