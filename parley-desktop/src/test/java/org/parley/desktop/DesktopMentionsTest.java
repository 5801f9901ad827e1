package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.protocol.chat.RoomVisibility;

/** Mentions marked and notified, and a private conversation opened by a message loading its history. */
class DesktopMentionsTest extends DesktopTestBase {

    private static ConversationState conversation(String name) {
        return Fx.<ListView<ConversationState>>node("conversations").getItems().stream()
                .filter(c -> c.displayName().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    @Test
    void aMentionInAnotherRoomMarksItAndShowsANotificationThatOpensIt() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        connectBob();
        Blocking.await(bob.createRoom("club", RoomVisibility.PUBLIC), WAIT);
        Fx.run(() -> Fx.<Button>node("join").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomSearch")));
        Fx.run(() -> {
            Fx.<javafx.scene.control.TextField>node("roomSearch").setText("club");
            Fx.<Button>node("roomJoin").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> conversation("# club") != null));
        Fx.run(() -> Fx.<ListView<ConversationState>>node("conversations").getSelectionModel().select(conversation("# lobby")));

        Blocking.await(bob.sendRoom("club", "no mention here"), WAIT);
        Blocking.await(bob.sendRoom("club", "@Alice look at this"), WAIT);

        await().atMost(WAIT).until(() -> Fx.call(() -> conversation("# club").unread().get() == 2));
        assertThat(Fx.call(() -> conversation("# club").mentions().get())).isEqualTo(1);
        assertThat(Fx.call(() -> conversation("# club").listLabel())).isEqualTo("# club   (2)  @");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("mentionToast")));
        assertThat(Fx.call(() -> Fx.<Label>node("mentionToast").getText())).isEqualTo("bob mentioned you in # club: @Alice look at this");

        Fx.run(() -> Fx.<Label>node("mentionToast").getOnMouseClicked().handle(null));
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("@Alice look at this")));
        assertThat(Fx.call(() -> conversation("# club").listLabel())).isEqualTo("# club");
    }
}
