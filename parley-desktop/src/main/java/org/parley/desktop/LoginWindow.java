package org.parley.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.parley.client.Backoff;
import org.parley.client.ClientOptions;
import org.parley.client.LoginKeyFile;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.ServerAddress;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.SessionSettings;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The connect / login / register window: server address, user name, password or key file, and an
 * "Advanced" section for the security preset or individual suite components.
 *
 * <p>All network work runs through a {@link ParleySession} whose callbacks and futures complete
 * on the FX thread ({@code Platform::runLater} is its executor). Remembers the last server, user,
 * sign-in method, key file path and security choice, never the password.
 *
 * <p><b>Security.</b> A first contact asks the user to trust the fingerprint while the handshake
 * waits for the answer (no thread waits, the connection stays the same); a changed key is refused by the
 * library and shown as a red warning with no way to continue. The password field is cleared as
 * soon as its characters are handed to the library, which wipes its copy. A key file is read (and
 * refused if group or others can read it) before anything is sent; only its path is remembered.
 */
public final class LoginWindow {
    /** Reconnect after a lost connection after 1 s, doubling up to 30 s. */
    private static final Backoff RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final DesktopContext context;
    private final Stage stage;
    private final BiConsumer<DesktopSession, ChatModel> onLoggedIn;
    private final Runnable onClosed;
    private final TextField server = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckBox register = new CheckBox();
    private final ToggleGroup method = new ToggleGroup();
    private final RadioButton usePassword = new RadioButton();
    private final RadioButton useKeyFile = new RadioButton();
    private final TextField keyFile = new TextField();
    private final Button browseKey = new Button();
    private final SuiteChooser suites;
    private final Button connect = new Button();
    private final ProgressIndicator busy = new ProgressIndicator();
    /** The login succeeded and the main window took over (hiding this window is then no close). */
    private boolean loggedIn;
    /** The user closed this window; a login still under way ends with it. */
    private boolean closedByUser;

    /**
     * @param onLoggedIn opens the main window for the new session
     * @param onClosed quits the app: run when the user closes this window without logging in (once a
     *        login still under way has ended, its session closed and its session key removed)
     */
    public LoginWindow(DesktopContext context, Stage stage, BiConsumer<DesktopSession, ChatModel> onLoggedIn, Runnable onClosed) {
        this.context = context;
        this.stage = stage;
        this.onLoggedIn = onLoggedIn;
        this.onClosed = onClosed;
        this.suites = new SuiteChooser(context.i18n(), context.settings());
        VBox form = build();
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("login-scroll");
        stage.setScene(new Scene(scroll, context.settings().width("login", 640), context.settings().height("login", 520)));
        // Opening "Advanced" grows the window to show it (up to the screen); the scroll bar covers small screens.
        suites.node().expandedProperty().addListener((obs, was, open) -> {
            if (open) {
                Platform.runLater(() -> growToFit(form));
            }
        });
        stage.getScene().getStylesheets().add(Styles.sheet());
        stage.titleProperty().bind(context.i18n().title("login.title"));
        stage.setOnHiding(e -> {
            context.settings().rememberSize("login", stage.getWidth(), stage.getHeight());
            if (!loggedIn && !closedByUser) {
                closedByUser = true;
                if (!busy.isVisible()) {
                    onClosed.run();
                }
            }
        });
    }

    public Stage stage() {
        return stage;
    }

    private void growToFit(VBox form) {
        double chrome = stage.getHeight() - stage.getScene().getHeight();
        double needed = form.prefHeight(stage.getScene().getWidth()) + chrome + 4;
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getHeight();
        if (needed > stage.getHeight()) {
            stage.setHeight(Math.min(needed, screen));
        }
    }

    private VBox build() {
        I18n i18n = context.i18n();
        server.setId("server");
        server.setText(context.settings().server());
        user.setId("username");
        user.setText(context.settings().user());
        password.setId("password");
        register.setId("register");
        register.textProperty().bind(i18n.text("login.register"));
        usePassword.setId("usePassword");
        usePassword.textProperty().bind(i18n.text("login.method.password"));
        usePassword.setToggleGroup(method);
        useKeyFile.setId("useKeyFile");
        useKeyFile.textProperty().bind(i18n.text("login.method.key"));
        useKeyFile.setToggleGroup(method);
        method.selectToggle(context.settings().useKeyFile() ? useKeyFile : usePassword);
        keyFile.setId("keyFile");
        keyFile.setText(context.settings().keyFile());
        keyFile.promptTextProperty().bind(i18n.text("login.keyFilePrompt"));
        browseKey.setId("browseKey");
        browseKey.textProperty().bind(i18n.text("login.browse"));
        browseKey.setOnAction(e -> browseForKey());
        // A key signs in to an existing account; creating one needs a password (keys are added later).
        password.disableProperty().bind(useKeyFile.selectedProperty());
        register.disableProperty().bind(useKeyFile.selectedProperty());
        keyFile.disableProperty().bind(usePassword.selectedProperty());
        browseKey.disableProperty().bind(usePassword.selectedProperty());
        useKeyFile.selectedProperty().addListener((obs, old, now) -> register.setSelected(register.isSelected() && !now));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.textProperty().bind(i18n.text("login.connect"));
        connect.setOnAction(e -> connect());
        connect.disableProperty().bind(suites.valid().not().or(busy.visibleProperty()));
        busy.setVisible(false);
        busy.setPrefSize(22, 22);

        GridPane form = new GridPane(10, 10);
        form.addRow(0, label("login.server"), server);
        form.addRow(1, label("login.user"), user);
        form.addRow(2, label("login.method"), new HBox(14, usePassword, useKeyFile));
        form.addRow(3, label("login.password"), password);
        HBox keyRow = new HBox(6, keyFile, browseKey);
        HBox.setHgrow(keyFile, javafx.scene.layout.Priority.ALWAYS);
        form.addRow(4, label("login.keyFile"), keyRow);
        form.addRow(5, new Label(), register);
        server.setPrefColumnCount(26);
        Label heading = new Label("Parley 密谈");
        heading.getStyleClass().add("heading");
        Label subtitle = new Label();
        subtitle.textProperty().bind(i18n.text("login.subtitle"));
        subtitle.getStyleClass().add("hint");
        HBox actions = new HBox(10, connect, busy);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox top = new HBox(10, heading, spacer, LanguageMenu.create(context));
        VBox root = new VBox(14, top, subtitle, form, suites.node(), actions);
        root.setPadding(new Insets(24));
        root.getStyleClass().add("login");
        if (context.keyLog().isPresent()) {
            Label keyLogWarning = new Label();
            keyLogWarning.textProperty().bind(i18n.text("login.keyLogWarning"));
            keyLogWarning.setWrapText(true);
            keyLogWarning.setId("keylog-warning");
            keyLogWarning.getStyleClass().add("keylog-warning");
            root.getChildren().add(1, keyLogWarning);
        }
        if (user.getText().isEmpty()) {
            Platform.runLater(user::requestFocus);
        } else {
            Platform.runLater(password::requestFocus);
        }
        return root;
    }

    private Label label(String key) {
        Label label = new Label();
        label.textProperty().bind(context.i18n().text(key));
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    /** Starts connecting and logging in; returns at once. FX thread. */
    public void connect() {
        ServerAddress address;
        try {
            address = ServerAddress.parse(server.getText());
        } catch (IllegalArgumentException e) {
            Dialogs.error(stage, context.i18n(), "error.connectFailed", e);
            return;
        }
        String name = user.getText().strip();
        boolean withKey = useKeyFile.isSelected();
        Path keyPath = withKey ? keyPath() : null;
        if (withKey && keyPath == null) {
            Dialogs.error(stage, context.i18n(), "error.keyFile", new IllegalArgumentException(context.i18n().get("login.keyFileMissing")));
            return;
        }
        char[] secret = withKey ? new char[0] : password.getText().toCharArray();
        password.clear();
        boolean registering = register.isSelected() && !withKey;
        context.settings().rememberLogin(server.getText().strip(), name);
        context.settings().rememberKeyLogin(withKey, keyFile.getText().strip());
        suites.remember(context.settings());
        ClientOptions plain = new ClientOptions(address.host(), address.port(), suites.offer(), context.pins(),
                fingerprint -> false, context.connectTimeout(), Duration.ofSeconds(30));
        ClientOptions options = context.keyLog().map(plain::withInsecureKeyLog).orElse(plain);
        ChatModel model = new ChatModel(context.i18n());
        // Every callback of the session, and every future it returns, completes on the FX thread.
        // Private messages are end to end: the device lives in ~/.parley/e2ee/SERVER/USER/, shared with the terminal client.
        SessionSettings settings = new SessionSettings(options, this::askTrust, Platform::runLater, Optional.of(RECONNECT))
                .withE2e(context.e2e());
        setBusy(true);
        // The key file is read off the FX thread, before anything is sent: a bad file costs no connection.
        CompletableFuture<Optional<LoginKeyFile.LoginKey>> key = withKey
                ? KeyFileException.async(() -> Optional.of(LoginKeyFile.read(keyPath)))
                : CompletableFuture.completedFuture(Optional.empty());
        AuthMethod method = withKey ? AuthMethod.PUBLIC_KEY : registering ? AuthMethod.REGISTRATION : AuthMethod.SCRAM_SHA_256;
        // The model knows who "me" is before the session's first events (the end-to-end device's
        // notices at login come before the session is handed over): set on the FX thread, then go on.
        key.thenCompose(loginKey -> ParleySession.start(settings, model.listener(), name,
                        client -> logIn(client, name, secret, registering, loginKey).thenCompose(confirmed -> {
                            CompletableFuture<String> known = new CompletableFuture<>();
                            Platform.runLater(() -> {
                                model.setMe(confirmed);
                                known.complete(confirmed);
                            });
                            return known;
                        })))
                .whenComplete((parley, failure) -> Platform.runLater(() -> {
                    Arrays.fill(secret, '\0');
                    finish(parley == null ? null : new DesktopSession(parley, parley.client(), options.serverName(),
                            parley.displayName(), method, parley.client().firstContact(), false), model, failure);
                }));
    }

    private Path keyPath() {
        String text = keyFile.getText().strip();
        if (text.isEmpty()) {
            return null;
        }
        return Path.of(text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text);
    }

    private void browseForKey() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Parley — " + context.i18n().get("login.keyFile"));
        Path current = keyPath();
        Path folder = current != null && current.getParent() != null ? current.getParent() : Path.of(System.getProperty("user.home"), ".parley");
        if (Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        java.io.File picked = chooser.showOpenDialog(stage);
        if (picked != null) {
            keyFile.setText(picked.getPath());
        }
    }

    private static CompletableFuture<String> logIn(ParleyClient client, String name, char[] secret, boolean registering,
            Optional<LoginKeyFile.LoginKey> key) {
        if (key.isPresent()) {
            return client.loginWithKey(name, key.get().key());
        }
        char[] copy = secret.clone();
        return registering ? client.register(name, copy, Optional.empty()) : client.login(name, copy);
    }

    private void finish(DesktopSession session, ChatModel model, Throwable failure) {
        setBusy(false);
        if (closedByUser) {
            // Closed while connecting: no main window; a session that started anyway is closed
            // (its session key removed) before the app quits.
            if (failure == null) {
                session.parley().closeAsync("closed").whenComplete((v, f) -> Platform.runLater(onClosed));
            } else {
                onClosed.run();
            }
            return;
        }
        if (failure == null) {
            loggedIn = true;
            model.setMe(session.user());
            model.liveClient().set(session.client());
            model.autoReconnect().set(session.parley().reconnects());
            onLoggedIn.accept(session, model);
        } else if (Failures.unwrap(failure) instanceof ServerKeyChangedException changed) {
            Dialogs.keyChanged(stage, context.i18n(), changed);
        } else if (Failures.unwrap(failure) instanceof KeyFileException) {
            Dialogs.error(stage, context.i18n(), "error.keyFile", failure);
        } else {
            Dialogs.error(stage, context.i18n(), "error.connectFailed", failure);
        }
    }

    /**
     * The first-contact question, on the FX thread: the handshake waits (no thread does) until the
     * user clicks. The server's handshake deadline may pass meanwhile; a late "Trust" is honoured
     * by the session, which connects again trusting exactly this key.
     */
    private CompletableFuture<Boolean> askTrust(String server, SignatureComponent algorithm, Fingerprint fingerprint) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Dialogs.trust(stage, context.i18n(), server, fingerprint, answer::complete);
        return answer;
    }

    private void setBusy(boolean working) {
        busy.setVisible(working);
    }
}
