package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Blocking;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.KnownServersFile;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;

/**
 * Drives the real desktop client against a real server on 127.0.0.1: first-contact trust,
 * changed-key refusal, room and private chat both ways with a client-library peer, the security
 * panel and the language switch. Runs on the X display in DISPLAY (Xvfb in .ci/run).
 */
class DesktopClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private ParleyServer server;
    private Preferences prefs;
    private KnownServersFile pins;
    private DesktopContext context;
    private ParleyClient bob;
    private final List<ChatEvent> bobEvents = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startToolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void startServer() throws Exception {
        ServerLimits d = ServerLimits.defaults();
        ServerLimits loose = new ServerLimits(d.handshakeTimeout(), d.idleTimeout(), d.maxMessageBytes(), 64, 100, 1000,
                d.maxConcurrentPasswordHashes(), d.outboundBufferBytes(), d.historyOnJoin());
        server = ParleyServer.start(ServerSettings.defaults(data.resolve("server"))
                .withBind(new InetSocketAddress("127.0.0.1", 0)).withLimits(loose));
        prefs = Preferences.userRoot().node("org/parley/desktop-test/" + UUID.randomUUID());
        pins = new KnownServersFile(data.resolve("known_servers"));
        context = new DesktopContext(new I18n(Locale.ENGLISH), new Settings(prefs), pins, Duration.ofSeconds(60));
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

    @Test
    void trustsOnFirstContactThenChatsInTheLobbyAndPrivatelyBothWays() throws Exception {
        openLogin();
        fillLogin("alice", true);
        screenshot("connect", "desktop-login");
        Fx.run(() -> Fx.<Button>node("connect").fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("trust")));
        String shown = Fx.call(() -> Fx.<TextArea>node("fingerprint").getText());
        assertThat(shown).isEqualTo(server.keys().getFirst().fingerprint().toString());
        Fx.run(() -> Fx.<Button>node("trust").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("messages") && lobbyShown()));
        assertThat(pins.pinned(serverName())).contains(server.keys().getFirst().fingerprint());

        connectBob();
        Blocking.await(bob.sendRoom("lobby", "你好，Alice！欢迎 👋"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("你好，Alice！欢迎 👋")));

        type("Hello Bob, 中文也可以 🎉");
        Fx.run(() -> Fx.<TextArea>node("input").fireEvent(enter(false)));
        await().atMost(WAIT).until(() -> roomTextsSeenByBob().contains("Hello Bob, 中文也可以 🎉"));
        assertThat(Fx.call(() -> Fx.<TextArea>node("input").getText())).isEmpty();

        type("two");
        Fx.run(() -> Fx.<TextArea>node("input").fireEvent(enter(true)));
        assertThat(Fx.call(() -> Fx.<TextArea>node("input").getText())).isEqualTo("two\n");
        Fx.run(() -> Fx.<TextArea>node("input").clear());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<String>>node("online").getItems().contains("bob")));
        assertThat(Fx.call(() -> Fx.<Label>node("onlineCount").getText())).isEqualTo("Online (2)");
        Fx.run(() -> {
            ListView<String> online = Fx.node("online");
            online.getSelectionModel().select("bob");
            online.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        });
        assertThat(Fx.call(() -> Fx.<Label>node("conversationHeader").getText())).contains("Private conversation with bob");
        type("just between us");
        Fx.run(() -> Fx.<Button>node("send").fire());
        await().atMost(WAIT).until(() -> bobEvents.stream().anyMatch(e -> e instanceof ChatEvent.PrivateMessage p
                && text(p.message().body()).equals("just between us") && p.message().from().equals("alice")));
        Blocking.await(bob.sendPrivate("alice", "好的，保密 🔒"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> linesShown().stream().anyMatch(
                l -> l.kind() == ChatLine.Kind.PRIVATE && l.text().equals("好的，保密 🔒"))));

        // Forget the private conversation locally; opening it again loads its history from the server.
        Fx.run(() -> Fx.<ListView<ConversationState>>node("conversations").getItems()
                .removeIf(c -> c.displayName().equals("@ bob")));
        Fx.run(() -> Fx.<ListView<String>>node("online").fireEvent(
                new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false)));
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().equals(List.of("just between us", "好的，保密 🔒"))));
        assertThat(Fx.call(() -> linesShown().stream().map(ChatLine::kind).toList()))
                .containsExactly(ChatLine.Kind.OWN, ChatLine.Kind.PRIVATE);

        Fx.run(() -> Fx.<Button>node("create").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomDialog")));
        Fx.run(() -> {
            DialogPane dialog = Fx.node("roomDialog");
            ((TextField) dialog.lookup(".text-field")).setText("学习小组");
            ((Button) dialog.lookupButton(ButtonType.OK)).fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("conversationHeader").getText().startsWith("# 学习小组")));
        Blocking.await(bob.join("学习小组"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> linesShown().stream().anyMatch(
                l -> l.kind() == ChatLine.Kind.NOTICE && l.text().equals("bob joined the room"))));
        assertThat(Fx.call(() -> Fx.<Label>node("conversationHeader").getText())).isEqualTo("# 学习小组 — 2 members");

        Fx.run(() -> Fx.<ListView<ConversationState>>node("conversations").getSelectionModel().selectFirst());
        screenshot("messages", "desktop-main");
        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("suiteName")));
        assertThat(Fx.call(() -> Fx.<Label>node("pinnedWhen").getText())).contains("just now");
        assertThat(Fx.call(() -> Fx.<Label>node("fingerprintValue").getText()))
                .isEqualTo(server.keys().getFirst().fingerprint().toString());
        assertThat(Fx.call(() -> Fx.<Label>node("suiteName").getText())).startsWith("PARLEY1_");
        assertThat(Fx.call(() -> Fx.<Label>node("loginMethod").getText())).startsWith("Registration");
        screenshot("suiteName", "desktop-security");

        Fx.run(() -> Fx.<MenuButton>node("language").getItems().stream()
                .filter(i -> "langChinese".equals(i.getId())).findFirst().orElseThrow().fire());
        assertThat(Fx.call(() -> Fx.<Button>node("security").getText())).isEqualTo("🔒 安全");
        assertThat(Fx.call(() -> Fx.<Label>node("onlineCount").getText())).isEqualTo("在线（2）");
        assertThat(Fx.call(() -> Fx.<Label>node("pinnedWhen").getText())).contains("您刚刚信任了这个密钥");
        screenshot("messages", "desktop-main-zh");
    }

    @Test
    void reconnectsAutomaticallyAfterTheServerRestartsWithoutThePassword() throws Exception {
        openLogin();
        fillLogin("dave", true);
        Fx.run(() -> Fx.<Button>node("connect").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("trust")));
        Fx.run(() -> Fx.<Button>node("trust").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("messages") && lobbyShown()));
        int port = server.address().getPort();
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("connection").getText().endsWith("auto-reconnect on")));

        server.close();
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("connection").getText().contains("Disconnected")
                && Fx.<Label>node("connection").getText().endsWith("reconnecting…")));
        server = ParleyServer.start(ServerSettings.defaults(data.resolve("server"))
                .withBind(new InetSocketAddress("127.0.0.1", port)));

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("connection").getText().contains("Connected as dave")));
        connectBob();
        Blocking.await(bob.sendRoom("lobby", "welcome back"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("welcome back")));
        assertThat(Fx.call(() -> shownTexts().stream().filter("welcome back"::equals).count())).isEqualTo(1);
    }

    @Test
    void refusesAChangedServerKeyWithARedWarningAndNoMainWindow() throws Exception {
        pins.pin(serverName(), new Fingerprint(Bytes.wrapOwned(new byte[32])));
        openLogin();
        fillLogin("mallory-target", true);
        Fx.run(() -> Fx.<Button>node("connect").fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("keyChanged")));
        String warning = Fx.call(() -> Fx.<DialogPane>node("keyChanged").getHeaderText());
        assertThat(warning).contains("CHANGED").contains(serverName());
        assertThat(Fx.call(() -> Fx.showing("messages") || Fx.showing("trust"))).isFalse();
        assertThat(pins.pinned(serverName())).contains(new Fingerprint(Bytes.wrapOwned(new byte[32])));
    }

    @Test
    void rejectingTheFingerprintDoesNotConnectOrPin() throws Exception {
        openLogin();
        fillLogin("carol", true);
        Fx.run(() -> Fx.<Button>node("connect").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("reject")));
        Fx.run(() -> Fx.<Button>node("reject").fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("error")));
        assertThat(Fx.call(() -> Fx.showing("messages"))).isFalse();
        assertThat(pins.pinned(serverName())).isEmpty();
    }

    @Test
    void switchesLanguageInPlaceAndRemembersIt() throws Exception {
        openLogin();
        Fx.run(() -> Fx.<MenuButton>node("language").getItems().stream()
                .filter(i -> "langChinese".equals(i.getId())).findFirst().orElseThrow().fire());

        assertThat(Fx.call(() -> Fx.<Button>node("connect").getText())).isEqualTo("连接");
        assertThat(Fx.call(() -> ((Stage) Fx.windowWith("connect").orElseThrow()).getTitle())).isEqualTo("Parley — 连接");
        assertThat(new Settings(prefs).language()).contains(Locale.SIMPLIFIED_CHINESE);
        Fx.run(() -> Fx.<MenuButton>node("language").getItems().getFirst().fire());
        assertThat(Fx.call(() -> Fx.<Button>node("connect").getText())).isEqualTo("Connect");
    }

    private static void screenshot(String nodeId, String name) throws Exception {
        Fx.call(() -> {
            Screenshots.take(Fx.windowWith(nodeId).orElseThrow().getScene(), name);
            return null;
        });
    }

    private void openLogin() throws Exception {
        Fx.run(() -> ParleyApp.open(context, new Stage(), () -> { }));
    }

    private void fillLogin(String user, boolean register) throws Exception {
        Fx.run(() -> {
            Fx.<TextField>node("server").setText(serverName());
            Fx.<TextField>node("username").setText(user);
            Fx.<PasswordField>node("password").setText("correct horse battery staple");
            Fx.<CheckBox>node("register").setSelected(register);
        });
    }

    private void connectBob() throws Exception {
        ClientListener listener = new ClientListener() {
            @Override
            public void onEvent(ChatEvent event) {
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

    private List<String> roomTextsSeenByBob() {
        return bobEvents.stream().filter(e -> e instanceof ChatEvent.RoomMessage)
                .map(e -> text(((ChatEvent.RoomMessage) e).message().body())).toList();
    }

    private void type(String text) throws Exception {
        Fx.run(() -> {
            TextArea input = Fx.node("input");
            input.setText(text);
            input.end();
        });
    }

    private static KeyEvent enter(boolean shift) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, shift, false, false, false);
    }

    private static boolean lobbyShown() {
        return Fx.<ListView<ConversationState>>node("conversations").getItems().stream()
                .anyMatch(c -> c.displayName().equalsIgnoreCase("# lobby"));
    }

    private static List<ChatLine> linesShown() {
        ListView<ChatLine> messages = Fx.node("messages");
        return messages.getItems() == null ? List.of() : List.copyOf(messages.getItems());
    }

    private static List<String> shownTexts() {
        return linesShown().stream().map(ChatLine::text).toList();
    }

    private String serverName() {
        return "127.0.0.1:" + server.address().getPort();
    }

    private static String text(Bytes body) {
        return new String(body.toByteArray(), StandardCharsets.UTF_8);
    }
}
