package org.parley.desktop;

import static org.awaitility.Awaitility.await;

import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.ParleyClient;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.identity.InMemoryPinStore;

/** Pages of the server's stored messages loaded into conversations, each its own. */
class DesktopHistoryTest extends DesktopTestBase {
    private final List<ParleyClient> others = new CopyOnWriteArrayList<>();

    private static ConversationState conversationNamed(String name) {
        return Fx.<ListView<ConversationState>>node("conversations").getItems().stream()
                .filter(c -> c.displayName().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    /** A client-library user who registers, joins {@code room} and says {@code count} numbered lines there. */
    private void says(String user, String room, int from, int count) throws Exception {
        ParleyClient client = Blocking.await(ParleyClient.connect(ClientOptions.defaults("127.0.0.1", server.address().getPort(),
                new InMemoryPinStore(), f -> true), new ClientListener() {
                    @Override
                    public void onEvent(ChatEvent.Push event) {
                    }

                    @Override
                    public void onDisconnected(String reason) {
                    }
                }), WAIT);
        others.add(client);
        Blocking.await(client.register(user, ("a good passphrase for " + user).toCharArray(), Optional.empty()), WAIT);
        Blocking.await(client.join(room), WAIT);
        for (int i = from; i < from + count; i++) {
            Blocking.await(client.sendRoom(room, "line " + i), WAIT);
        }
    }

    @AfterEach
    void closeOthers() {
        others.forEach(ParleyClient::close);
    }

    @Test
    void olderMessagesAskedForInTwoRoomsAtOnceLoadIntoBoth() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        connectBob();
        Blocking.await(bob.createRoom("den", RoomVisibility.PUBLIC), WAIT);
        // More lines than the 50 replayed on joining (three senders: each stays under the send rate's burst).
        says("carol", "den", 1, 18);
        says("dave", "den", 19, 18);
        says("erin", "den", 37, 18);
        Fx.run(() -> Fx.<Button>node("join").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomSearch")));
        Fx.run(() -> {
            Fx.<TextField>node("roomSearch").setText("den");
            Fx.<Button>node("roomJoin").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> conversationNamed("# den") != null
                && conversationNamed("# den").lines().stream().map(ChatLine::text).toList().contains("line 54")));

        // The lobby's earlier page is on its way when the user asks for the den's.
        Fx.run(() -> {
            ListView<ConversationState> list = Fx.node("conversations");
            list.getSelectionModel().select(conversationNamed("# lobby"));
            Fx.<Button>node("older").fire();
            list.getSelectionModel().select(conversationNamed("# den"));
            Fx.<Button>node("older").fire();
        });

        await().atMost(WAIT).until(() -> Fx.call(() -> conversationNamed("# den").lines().stream().map(ChatLine::text)
                .toList().contains("line 1")));
    }
}
