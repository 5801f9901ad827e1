package org.parley.desktop;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.parley.client.e2ee.E2eSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Blocking;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.KnownServersFile;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;

/**
 * A real server on 127.0.0.1, a fresh preferences node and known-servers file per test, and the
 * helpers the desktop UI tests share (open the login window, fill it, trust the server, a
 * client-library peer "bob"). Runs on the X display in DISPLAY (Xvfb in .ci/run).
 */
abstract class DesktopTestBase {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;
    ParleyServer server;
    Preferences prefs;
    KnownServersFile pins;
    DesktopContext context;
    ParleyClient bob;
    final List<ChatEvent> bobEvents = new CopyOnWriteArrayList<>();
    /** Links the app asked the system browser to open. */
    final List<String> opened = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startToolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void startServer() throws Exception {
        ServerLimits loose = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000);
        server = ParleyServer.start(ServerSettings.defaults(data.resolve("server"))
                .withBind(new InetSocketAddress("127.0.0.1", 0)).withLimits(loose));
        prefs = Preferences.userRoot().node("org/parley/desktop-test/" + UUID.randomUUID());
        pins = new KnownServersFile(data.resolve("known_servers"));
        context = new DesktopContext(new I18n(Locale.ENGLISH), new Settings(prefs), pins, Duration.ofSeconds(60), opened::add,
                E2eSettings.in(data.resolve("home")));
    }

    @AfterEach
    void stopAll() throws Exception {
        Fx.run(() -> List.copyOf(Window.getWindows()).forEach(Window::hide));
        if (bob != null) {
            bob.close();
        }
        server.close();
        prefs.removeNode();
    }

    static void screenshot(String nodeId, String name) throws Exception {
        Fx.call(() -> {
            Screenshots.take(Fx.windowWith(nodeId).orElseThrow().getScene(), name);
            return null;
        });
    }

    void openLogin() throws Exception {
        Fx.run(() -> ParleyApp.open(context, new Stage(), () -> { }));
    }

    void fillLogin(String user, boolean register) throws Exception {
        Fx.run(() -> {
            Fx.<TextField>node("server").setText(serverName());
            Fx.<TextField>node("username").setText(user);
            Fx.<PasswordField>node("password").setText("correct horse battery staple");
            Fx.<CheckBox>node("register").setSelected(register);
        });
    }

    /** Clicks Connect, trusts the server on first contact, and waits for the main window with the lobby. */
    void connectTrustingTheServer() throws Exception {
        Fx.run(() -> Fx.<Button>node("connect").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("trust")));
        Fx.run(() -> Fx.<Button>node("trust").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("messages") && lobbyShown()));
    }

    void connectBob() throws Exception {
        ClientListener listener = new ClientListener() {
            @Override
            public void onEvent(ChatEvent.Push event) {
                bobEvents.add(event);
            }

            @Override
            public void onDisconnected(String reason) {
                bobEvents.add(new ChatEvent.Notice("disconnected: " + reason));
            }
        };
        bob = Blocking.await(ParleyClient.connect(ClientOptions.defaults("127.0.0.1", server.address().getPort(),
                new InMemoryPinStore(), f -> true), listener), WAIT);
        Blocking.await(bob.register("bob", "another good passphrase".toCharArray(), Optional.empty()), WAIT);
        Blocking.await(bob.join("lobby"), WAIT);
    }

    List<String> roomTextsSeenByBob() {
        return bobEvents.stream().filter(e -> e instanceof ChatEvent.RoomMessage)
                .map(e -> text(((ChatEvent.RoomMessage) e).message().body())).toList();
    }

    void type(String text) throws Exception {
        Fx.run(() -> {
            TextArea input = Fx.node("input");
            input.setText(text);
            input.end();
        });
    }

    /** Opens the member list's context menu as a right click would and returns the ids of its items. */
    static List<String> memberMenuFor(String user) throws Exception {
        return Fx.call(() -> {
            ListView<MemberInfo> members = Fx.node("members");
            members.getItems().stream().filter(m -> m.user().equals(user)).findFirst()
                    .ifPresent(m -> members.getSelectionModel().select(m));
            members.getOnContextMenuRequested().handle(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    0, 0, 0, 0, false, null));
            return members.getContextMenu().getItems().stream().map(MenuItem::getId).toList();
        });
    }

    static void fireMenuItem(String id) throws Exception {
        Fx.run(() -> Fx.<ListView<MemberInfo>>node("members").getContextMenu().getItems().stream()
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow().fire());
    }

    static KeyEvent enter(boolean shift) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, shift, false, false, false);
    }

    static boolean lobbyShown() {
        return Fx.<ListView<ConversationState>>node("conversations").getItems().stream()
                .anyMatch(c -> c.displayName().equalsIgnoreCase("# lobby"));
    }

    static List<ChatLine> linesShown() {
        ListView<ChatLine> messages = Fx.node("messages");
        return messages.getItems() == null ? List.of() : List.copyOf(messages.getItems());
    }

    static List<String> shownTexts() {
        return linesShown().stream().map(ChatLine::text).toList();
    }

    String serverName() {
        return "127.0.0.1:" + server.address().getPort();
    }

    static String text(Bytes body) {
        return new String(body.toByteArray(), StandardCharsets.UTF_8);
    }
}
