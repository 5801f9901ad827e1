package org.parley.desktop;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.parley.client.ClientOptions;
import org.parley.client.ParleyClient;
import org.parley.client.ServerKeyChangedException;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.Preset;

/**
 * The connect / login / register window: server address, user name, password, security preset.
 *
 * <p>All network work runs through {@link ParleyClient} futures; results come back to the FX
 * thread with {@link Platform#runLater}. Remembers the last server, user and preset, never the
 * password.
 *
 * <p><b>Security.</b> A first contact asks the user to trust the fingerprint (the client's I/O
 * thread waits for the answer, the FX thread never waits); a changed key is refused by the
 * library and shown as a red warning with no way to continue. The password field is cleared as
 * soon as its characters are handed to the library, which wipes its copy.
 */
public final class LoginWindow {
    private static final Duration TRUST_ANSWER_LIMIT = Duration.ofMinutes(5);

    private final DesktopContext context;
    private final Stage stage;
    private final BiConsumer<DesktopSession, ChatModel> onLoggedIn;
    private final TextField server = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckBox register = new CheckBox();
    private final ComboBox<Preset> preset = new ComboBox<>();
    private final Label presetInfo = new Label();
    private final Button connect = new Button();
    private final ProgressIndicator busy = new ProgressIndicator();

    public LoginWindow(DesktopContext context, Stage stage, BiConsumer<DesktopSession, ChatModel> onLoggedIn) {
        this.context = context;
        this.stage = stage;
        this.onLoggedIn = onLoggedIn;
        stage.setScene(new Scene(build(), context.settings().width("login", 480), context.settings().height("login", 440)));
        stage.getScene().getStylesheets().add(Styles.sheet());
        stage.titleProperty().bind(context.i18n().title("login.title"));
        stage.setOnHiding(e -> context.settings().rememberSize("login", stage.getWidth(), stage.getHeight()));
    }

    public Stage stage() {
        return stage;
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
        preset.setId("preset");
        preset.getItems().setAll(Preset.values());
        preset.setValue(Preset.valueOf(context.settings().preset()));
        preset.setConverter(new PresetText(i18n));
        i18n.localeProperty().addListener((obs, old, now) -> preset.setConverter(new PresetText(i18n)));
        presetInfo.setId("presetInfo");
        presetInfo.setWrapText(true);
        presetInfo.getStyleClass().add("hint");
        presetInfo.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> PresetText.components(preset.getValue()), preset.valueProperty()));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.textProperty().bind(i18n.text("login.connect"));
        connect.setOnAction(e -> connect());
        busy.setVisible(false);
        busy.setPrefSize(22, 22);

        GridPane form = new GridPane(10, 10);
        form.addRow(0, label("login.server"), server);
        form.addRow(1, label("login.user"), user);
        form.addRow(2, label("login.password"), password);
        form.addRow(3, new Label(), register);
        form.addRow(4, label("login.preset"), preset);
        form.add(presetInfo, 1, 5);
        server.setPrefColumnCount(22);
        Label heading = new Label("Parley 密谈");
        heading.getStyleClass().add("heading");
        Label subtitle = new Label();
        subtitle.textProperty().bind(i18n.text("login.subtitle"));
        subtitle.getStyleClass().add("hint");
        HBox actions = new HBox(10, connect, busy);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox top = new HBox(10, heading, spacer, LanguageMenu.create(context));
        VBox root = new VBox(14, top, subtitle, form, actions);
        root.setPadding(new Insets(24));
        root.getStyleClass().add("login");
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
        char[] secret = password.getText().toCharArray();
        password.clear();
        boolean registering = register.isSelected();
        Preset chosen = preset.getValue();
        context.settings().rememberLogin(server.getText().strip(), name, chosen.name());
        ClientOptions options = new ClientOptions(address.host(), address.port(), chosen.preferences(), context.pins(),
                fingerprint -> askTrust(address, fingerprint), context.connectTimeout(), Duration.ofSeconds(30));
        ChatModel model = new ChatModel(context.i18n());
        setBusy(true);
        ParleyClient.connect(options, model.listener())
                .thenCompose(client -> logIn(client, name, secret, registering).handle((display, failure) -> {
                    if (failure != null) {
                        CompletableFuture.runAsync(client::close);
                        throw new java.util.concurrent.CompletionException(Failures.unwrap(failure));
                    }
                    return new DesktopSession(client, options.serverName(), display,
                            registering ? AuthMethod.REGISTRATION : AuthMethod.SCRAM_SHA_256, client.firstContact());
                }))
                .whenComplete((session, failure) -> {
                    Arrays.fill(secret, '\0');
                    Platform.runLater(() -> finish(session, model, failure));
                });
    }

    private static CompletableFuture<String> logIn(ParleyClient client, String name, char[] secret, boolean registering) {
        char[] copy = secret.clone();
        return registering ? client.register(name, copy, Optional.empty()) : client.login(name, copy);
    }

    private void finish(DesktopSession session, ChatModel model, Throwable failure) {
        setBusy(false);
        if (failure == null) {
            model.setMe(session.user());
            onLoggedIn.accept(session, model);
        } else if (Failures.unwrap(failure) instanceof ServerKeyChangedException changed) {
            Dialogs.keyChanged(stage, context.i18n(), changed);
        } else {
            Dialogs.error(stage, context.i18n(), "error.connectFailed", failure);
        }
    }

    /** Called by the client's I/O thread: shows the trust dialog on the FX thread and waits for the click. */
    private boolean askTrust(ServerAddress address, Fingerprint fingerprint) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        String name = address.host() + ":" + address.port();
        Platform.runLater(() -> Dialogs.trust(stage, context.i18n(), name, fingerprint, answer::complete));
        try {
            return answer.get(TRUST_ANSWER_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            // No answer is a "no": the key is not pinned and the connection is refused.
            return false;
        }
    }

    private void setBusy(boolean working) {
        busy.setVisible(working);
        connect.setDisable(working);
    }
}
