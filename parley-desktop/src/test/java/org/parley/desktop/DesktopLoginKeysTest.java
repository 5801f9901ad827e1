package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.ParleyClient;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.InMemoryPinStore;

/** The Account window's login keys, and the session key the desktop removes when it quits. */
class DesktopLoginKeysTest extends DesktopTestBase {

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

    private static List<String> shownKeys() throws Exception {
        return Fx.call(() -> Fx.<ListView<RegisteredPublicKey>>node("loginKeys").getItems().stream()
                .map(Object::toString).toList());
    }

    @Test
    void theAccountWindowListsAndRemovesLoginKeysAndQuittingRemovesTheSessionKey() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        await().atMost(WAIT).until(() -> keysOnTheServer().size() == 1);

        Fx.run(() -> Fx.<Button>node("account").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("loginKeys")
                && Fx.<ListView<RegisteredPublicKey>>node("loginKeys").getItems().size() == 1));
        assertThat(Fx.call(() -> Fx.<Button>node("removeLoginKey").isDisabled())).isTrue();
        Fx.run(() -> {
            Fx.<TextField>node("accountKeyFile").setText(data.resolve("alice.key").toString());
            Fx.<Button>node("createKey").fire();
        });
        await().atMost(WAIT).until(() -> shownKeys().size() == 2);
        RegisteredPublicKey sessionKey = Fx.call(() -> Fx.<ListView<RegisteredPublicKey>>node("loginKeys").getItems().getFirst());
        Fx.run(() -> {
            ListView<RegisteredPublicKey> list = Fx.node("loginKeys");
            list.getSelectionModel().select(1);
            Fx.<Button>node("removeLoginKey").fire();
        });
        await().atMost(WAIT).until(() -> shownKeys().size() == 1);
        assertThat(keysOnTheServer()).containsExactly(sessionKey);
        assertThat(Fx.call(() -> Fx.<ListView<RegisteredPublicKey>>node("loginKeys").lookupAll(".list-cell").stream()
                .map(cell -> ((javafx.scene.control.ListCell<?>) cell).getText()).filter(t -> t != null).toList()))
                .singleElement().asString().contains("this session (removed when you quit)");

        Fx.run(() -> Fx.windowWith("messages").orElseThrow().hide());

        await().atMost(WAIT).until(() -> keysOnTheServer().isEmpty());
    }
}
