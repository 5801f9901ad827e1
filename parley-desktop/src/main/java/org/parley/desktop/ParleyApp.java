package org.parley.desktop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.parley.client.InsecureKeyLogFile;
import org.parley.client.KnownServersFile;
import org.parley.client.e2ee.E2eSettings;

/**
 * The JavaFX application: shows the login window, then the main window once logged in.
 *
 * <p>Language: the one chosen in the app last time, else the OS locale (English or 简体中文).
 * Server keys are pinned in the same {@code ~/.parley/known_servers} the terminal client uses.
 * {@code PARLEY_KEYLOG=FILE} (insecure, for teaching) writes the sessions' secrets to FILE (docs/LAB.md).
 */
public final class ParleyApp extends Application {

    @Override
    public void start(Stage stage) {
        // The app quits itself (Platform.exit) once the session is closed and its session key removed:
        // quitting when the last window closes would end the JVM, whose client threads are daemons,
        // before that removal reached the server.
        Platform.setImplicitExit(false);
        Settings settings = Settings.forUser();
        I18n i18n = new I18n(settings.language().orElse(Locale.getDefault()));
        Optional<InsecureKeyLogFile> keyLog = Optional.empty();
        String keyLogFile = System.getenv(DesktopContext.KEY_LOG_VARIABLE);
        Optional<IOException> keyLogFailure = Optional.empty();
        if (keyLogFile != null && !keyLogFile.isBlank()) {
            try {
                keyLog = Optional.of(InsecureKeyLogFile.open(Path.of(keyLogFile)));
            } catch (IOException e) {
                keyLogFailure = Optional.of(e);
            }
        }
        DesktopContext context = new DesktopContext(i18n, settings, new KnownServersFile(KnownServersFile.defaultPath()),
                Duration.ofMinutes(3), getHostServices()::showDocument,
                E2eSettings.in(KnownServersFile.defaultPath().toAbsolutePath().getParent()), keyLog);
        open(context, stage, Platform::exit);
        keyLogFailure.ifPresent(e -> Dialogs.error(stage, i18n, "error.keyLog", e));
    }

    /**
     * Shows the login window on {@code stage}; after login the main window replaces it. {@code onClosed}
     * (quit) runs once the user has closed the window in use and its session has ended. Tests call this directly.
     */
    public static LoginWindow open(DesktopContext context, Stage stage, Runnable onClosed) {
        LoginWindow login = new LoginWindow(context, stage, (session, model) -> {
            stage.hide();
            ChatWindow main = new ChatWindow(context, session, model, new Stage(), onClosed);
            main.stage().show();
            main.start();
        }, onClosed);
        stage.show();
        return login;
    }
}
