package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleySession;
import org.parley.client.SessionListener;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.protocol.identity.InMemoryPinStore;

/**
 * An end-to-end encrypted room against a real server: alice creates it in the app (the Create
 * dialog's End-to-end encrypted box), bob joins and talks as a client-library session with his own
 * device directory; the header, the lock on each line, the join notice and the Security panel's
 * room section show it.
 */
class DesktopEncryptedRoomTest extends DesktopTestBase {
    private final List<ParleySession> peers = new CopyOnWriteArrayList<>();
    private final List<RoomEvent> bobsRoom = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(ParleySession::close);
    }

    private ParleySession bob() throws Exception {
        ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), new InMemoryPinStore(), f -> true);
        SessionSettings settings = new SessionSettings(options, FirstContactQuestion.answeredBy(f -> true), Runnable::run,
                Optional.empty()).withE2e(E2eSettings.in(data.resolve("bob-home")));
        SessionListener listener = new SessionListener() {
            @Override
            public void onEvent(org.parley.protocol.chat.ChatEvent.Push event) {
            }

            @Override
            public void onRoom(RoomEvent event) {
                bobsRoom.add(event);
            }

            @Override
            public void onClosed(String reason) {
            }
        };
        ParleySession session = Blocking.await(ParleySession.start(settings, listener, "bob",
                c -> c.register("bob", "another good passphrase".toCharArray(), Optional.empty())), WAIT);
        peers.add(session);
        return session;
    }

    private void aliceCreatesAnEncryptedPublicRoom(String name) throws Exception {
        Fx.run(() -> Fx.<Button>node("create").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("newRoomName")));
        Fx.run(() -> {
            Fx.<TextField>node("newRoomName").setText(name);
            Fx.<CheckBox>node("newRoomEncrypted").fire();
            Fx.<Button>node("createRoomOk").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("conversationHeader").getText().startsWith("# " + name)));
    }

    private List<String> bobReceived() {
        return bobsRoom.stream().filter(e -> e instanceof RoomEvent.Message).map(e -> ((RoomEvent.Message) e).message().text()).toList();
    }

    @Test
    void aRoomCreatedEncryptedInTheAppCarriesMessagesBothWaysWithTheLockAndSaysSoInTheHeader() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        ParleySession bob = bob();

        aliceCreatesAnEncryptedPublicRoom("vault");
        Blocking.await(bob.join("vault"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().stream().anyMatch(t -> t.contains("bob joined"))));
        type("秘密 for bob");
        Fx.run(() -> Fx.node("input").fireEvent(enter(false)));
        await().atMost(WAIT).until(() -> bobReceived().contains("秘密 for bob"));
        Blocking.await(bob.sendRoom("vault", "got it"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("got it")));

        assertThat(Fx.call(() -> Fx.<Label>node("e2eLock").getText())).startsWith("🔒 End-to-end encrypted");
        assertThat(Fx.call(() -> Fx.node("safetyNumber").isVisible())).isFalse();
        assertThat(Fx.call(() -> Fx.<ListView<ConversationState>>node("conversations").getItems().stream()
                .map(ConversationState::listLabel).toList())).anyMatch(label -> label.startsWith("🔒 # vault"));
        assertThat(Fx.call(DesktopTestBase::linesShown)).filteredOn(l -> l.kind() != ChatLine.Kind.NOTICE)
                .extracting(ChatLine::kind, ChatLine::text, ChatLine::protection)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OWN, "秘密 for bob", ChatLine.Protection.END_TO_END),
                        org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OTHER, "got it", ChatLine.Protection.END_TO_END));
        assertThat(bobsRoom).anyMatch(e -> e instanceof RoomEvent.Notice n
                && n.kind() == org.parley.client.e2ee.room.RoomNoticeKind.HISTORY_NOT_SHARED);
        screenshot("messages", "desktop-encrypted-room");

        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomE2eLog")));
        assertThat(Fx.call(() -> Fx.<Label>node("roomE2eLog").getText())).startsWith("Membership log: verified (2 entries, head ");
        assertThat(Fx.call(() -> Fx.<Label>node("roomE2e-epoch").getText())).isEqualTo("1");
        assertThat(Fx.call(() -> Fx.<Label>node("roomE2e-chains").getText())).isEqualTo("1");
        screenshot("securityPanel", "desktop-room-security");
    }

    @Test
    void aPlainRoomSaysTheServerCanReadItInTheHeaderAndTheSecurityPanel() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();

        assertThat(Fx.call(() -> Fx.<Label>node("e2eLock").getText())).isEqualTo("Not end-to-end encrypted: the server can read this room’s messages.");
        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomE2ePlain")));
        assertThat(Fx.call(() -> Fx.<Label>node("roomE2ePlain").getText())).containsIgnoringCase("lobby is not end-to-end encrypted");
    }

    @Test
    void anEncryptedRoomTheUserWasKickedFromLeavesTheListWhenClosedInsteadOfAnError() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        ParleySession bob = bob();
        Blocking.await(bob.createEncryptedRoom("vault", org.parley.protocol.chat.RoomVisibility.PUBLIC), WAIT);
        Fx.run(() -> Fx.<Button>node("join").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomSearch")));
        Fx.run(() -> {
            Fx.<TextField>node("roomSearch").setText("vault");
            Fx.<Button>node("roomJoin").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("conversationHeader").getText().startsWith("# vault")));

        Blocking.await(bob.kick("vault", "alice", "go away"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains(
                "🔒 You are no longer a member of this room: you cannot read what is sent here from now on.")));
        // The signed log no longer admits this device: leaving must not need a leave entry of its own.
        Fx.run(() -> Fx.<Button>node("leave").fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<ConversationState>>node("conversations").getItems()
                .stream().noneMatch(c -> c.displayName().equals("# vault"))));
        assertThat(Fx.call(() -> Fx.showing("error"))).isFalse();
    }
}
