package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.ParleyClient;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.InMemoryPinStore;

/** Closing the login window: the app quits, and a login still under way ends with it instead of opening a window. */
class DesktopLifecycleTest extends DesktopTestBase {

    private List<RegisteredPublicKey> keysOnTheServer() throws Exception {
        try (ParleyClient alice = Blocking.await(ParleyClient.connect(ClientOptions.defaults("127.0.0.1", server.address().getPort(),
                new InMemoryPinStore(), f -> true), new ClientListener() {
                    @Override
                    public void onEvent(ChatEvent.Push event) {
                    }

                    @Override
                    public void onDisconnected(String reason) {
                    }
                }), WAIT)) {
            Blocking.await(alice.login("alice", "correct horse battery staple".toCharArray()), WAIT);
            return Blocking.await(alice.loginKeys(), WAIT);
        }
    }

    @Test
    void closingTheLoginWindowBeforeConnectingQuitsTheApp() throws Exception {
        AtomicInteger quit = new AtomicInteger();
        Fx.run(() -> ParleyApp.open(context, new Stage(), quit::incrementAndGet));

        Fx.run(() -> Fx.windowWith("connect").orElseThrow().hide());

        await().atMost(WAIT).until(() -> quit.get() == 1);
    }

    @Test
    void closingTheLoginWindowWhileLoggingInOpensNoMainWindowAndEndsTheSessionWithItsKey() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        Fx.run(() -> Fx.windowWith("messages").orElseThrow().hide());
        await().atMost(WAIT).until(() -> keysOnTheServer().isEmpty());
        AtomicInteger quit = new AtomicInteger();
        Fx.run(() -> ParleyApp.open(context, new Stage(), quit::incrementAndGet));
        fillLogin("alice", false);

        // The server is pinned now: the login goes on in the background after the window is closed.
        Fx.run(() -> {
            Fx.<Button>node("connect").fire();
            Fx.windowWith("connect").orElseThrow().hide();
        });

        await().atMost(WAIT).until(() -> quit.get() == 1);
        assertThat(Fx.call(() -> Fx.showing("messages"))).isFalse();
        assertThat(keysOnTheServer()).isEmpty();
    }

    @Test
    void aNoticeAboutThisAccountsOwnDeviceAtLoginOpensNoConversationWithOneself() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        Fx.run(() -> Fx.windowWith("messages").orElseThrow().hide());
        await().atMost(WAIT).until(() -> keysOnTheServer().isEmpty());
        // Another device of the account removes this one while the desktop is away.
        try (ParleyClient other = Blocking.await(ParleyClient.connect(ClientOptions.defaults("127.0.0.1", server.address().getPort(),
                new InMemoryPinStore(), f -> true), new ClientListener() {
                    @Override
                    public void onEvent(ChatEvent.Push event) {
                    }

                    @Override
                    public void onDisconnected(String reason) {
                    }
                }), WAIT)) {
            Blocking.await(other.login("alice", "correct horse battery staple".toCharArray()), WAIT);
            for (var device : Blocking.await(other.listDevices("alice"), WAIT).devices()) {
                Blocking.await(other.removeDevice(device.deviceId()), WAIT);
            }
        }

        openLogin();
        fillLogin("alice", false);
        Fx.run(() -> Fx.<Button>node("connect").fire());

        // The notice that this device was replaced is shown in the conversation in view, not in one with oneself.
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("messages") && lobbyShown()
                && shownTexts().stream().anyMatch(t -> t.startsWith("🔒 alice removed a device"))));
        assertThat(Fx.call(() -> Fx.<javafx.scene.control.ListView<ConversationState>>node("conversations").getItems()
                .stream().map(ConversationState::displayName).toList())).containsExactly("# Lobby");
    }
}
