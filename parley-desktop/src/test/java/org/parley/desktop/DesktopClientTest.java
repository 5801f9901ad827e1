package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.identity.Fingerprint;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;

/**
 * Drives the real desktop client against a real server on 127.0.0.1: first-contact trust,
 * changed-key refusal, room and private chat both ways with a client-library peer, the security
 * panel and the language switch. Runs on the X display in DISPLAY (Xvfb in .ci/run).
 */
class DesktopClientTest extends DesktopTestBase {

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
        // Private messages are end to end: DesktopEndToEndTest sends them both ways with an end-to-end peer.
        assertThat(Fx.call(() -> Fx.<Label>node("e2eLock").getText())).contains("End-to-end encrypted");

        Fx.run(() -> Fx.<Button>node("create").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("createRoom")));
        Fx.run(() -> {
            Fx.<TextField>node("newRoomName").setText("学习小组");
            Fx.<Button>node("createRoomOk").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("conversationHeader").getText().startsWith("# 学习小组")));
        Blocking.await(bob.join("学习小组"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> linesShown().stream().anyMatch(
                l -> l.kind() == ChatLine.Kind.NOTICE && l.text().equals("bob joined the room"))));
        assertThat(Fx.call(() -> Fx.<Label>node("conversationHeader").getText())).isEqualTo("# 学习小组 — 2 members");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<MemberInfo>>node("members").getItems().stream()
                .map(MemberInfo::user).toList().equals(List.of("alice", "bob"))));
        assertThat(Fx.call(() -> Fx.<ListView<MemberInfo>>node("members").getItems().getFirst().role())).isEqualTo(Role.OWNER);
        assertThat(Fx.call(() -> Fx.<Label>node("membersTitle").getText())).isEqualTo("Members (2)");

        Fx.run(() -> Fx.<ListView<ConversationState>>node("conversations").getSelectionModel().selectFirst());
        Blocking.await(bob.sendRoom("lobby", "协议说明 / the spec: https://example.org/parley/PROTOCOL.md"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("协议说明 / the spec: https://example.org/parley/PROTOCOL.md")));
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
    void aMessageSentWhileReconnectingShowsAtOnceAsPendingThenOnceAsTheMessageWhenTheServerIsBack() throws Exception {
        openLogin();
        fillLogin("fay", true);
        connectTrustingTheServer();
        int port = server.address().getPort();
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("connection").getText().endsWith("auto-reconnect on")));
        server.close();
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("connection").getText().endsWith("reconnecting…")));
        // Follows the conversation from before the send: a second copy shows even if it lasts one change.
        LineWatch watch = Fx.call(() -> new LineWatch(Fx.<ListView<ChatLine>>node("messages").getItems(), "typed while away"));

        type("typed while away");
        // Shown in the same turn of the FX thread as the Enter key: before any answer could come.
        List<Object> shown = Fx.call(() -> {
            Fx.<TextArea>node("input").fireEvent(enter(false));
            ListView<ChatLine> messages = Fx.node("messages");
            messages.applyCss();
            messages.layout();
            return List.of(linesShown().getLast(), deliveryMarks());
        });

        assertThat((ChatLine) shown.get(0)).extracting(ChatLine::kind, ChatLine::from, ChatLine::text, ChatLine::delivery)
                .containsExactly(ChatLine.Kind.OWN, "fay", "typed while away", new Delivery.Pending(false));
        assertThat(shown.get(1)).asList().containsExactly("🕓 Sending…");
        assertThat(Fx.call(() -> Fx.<TextArea>node("input").getText())).isEmpty();
        await().atMost(WAIT).until(() -> Fx.call(() -> deliveryMarks().stream().anyMatch(m -> m.startsWith("🕓 Not confirmed yet"))));
        assertThat(Fx.call(() -> linesShown().getLast().delivery())).isEqualTo(new Delivery.Pending(true));
        assertThat(Fx.call(DesktopTestBase::linesShown)).noneMatch(l -> l.kind() == ChatLine.Kind.NOTICE && l.text().startsWith("Not confirmed"));
        server = ParleyServer.start(ServerSettings.defaults(data.resolve("server"))
                .withBind(new InetSocketAddress("127.0.0.1", port)));
        await().atMost(WAIT).until(() -> Fx.call(() -> linesShown().stream()
                .anyMatch(l -> l.text().equals("typed while away") && l.id() > 0 && l.delivery().equals(Delivery.SHOWN))));
        connectBob();
        long stored = Blocking.await(bob.history(new org.parley.protocol.chat.Conversation.InRoom("lobby"), 0, 50), WAIT)
                .messages().stream().filter(m -> text(m.body()).equals("typed while away")).count();
        assertThat(stored).isEqualTo(1);
        assertThat(Fx.call(() -> shownTexts().stream().filter("typed while away"::equals).count())).isEqualTo(1);
        assertThat(Fx.call(watch::most)).isEqualTo(1);
        assertThat(Fx.call(DesktopClientTest::deliveryMarks)).isEmpty();
    }

    /** The sending marks the message cells show now (visible ones only). FX thread. */
    private static List<String> deliveryMarks() {
        return Fx.<ListView<ChatLine>>node("messages").lookupAll(".delivery").stream()
                .filter(node -> node.isVisible() && node instanceof Label)
                .map(node -> ((Label) node).getText()).toList();
    }

    @Test
    void aReconnectToAServerWhoseKeyChangedShowsTheRedWarningAndAShortStatusInTheUsersLanguage() throws Exception {
        openLogin();
        fillLogin("erin", true);
        connectTrustingTheServer();
        int port = server.address().getPort();
        Fx.run(() -> Fx.<MenuButton>node("language").getItems().stream()
                .filter(i -> "langChinese".equals(i.getId())).findFirst().orElseThrow().fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("connection").getText().endsWith("自动重连已开启")));

        server.close();
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("connection").getText().endsWith("正在重连…")));
        server = ParleyServer.start(ServerSettings.defaults(data.resolve("impostor"))
                .withBind(new InetSocketAddress("127.0.0.1", port)));

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("keyChanged")));
        assertThat(Fx.call(() -> Fx.<DialogPane>node("keyChanged").getHeaderText()))
                .isEqualTo("127.0.0.1:" + port + " 的密钥已变更，连接已被拒绝。");
        assertThat(Fx.call(() -> Fx.<Label>node("connection").getText()))
                .isEqualTo("● 已断开：服务器的密钥已变更，未重新连接");
    }

    @Test
    void aTrustDialogAnsweredAfterTheServersHandshakeDeadlineStillSignsInTrustingThatKey() throws Exception {
        server.close();
        server = ParleyServer.start(ServerSettings.defaults(data.resolve("server"))
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(ServerLimits.defaults().withHandshakeTimeout(java.time.Duration.ofMillis(300))));
        openLogin();
        fillLogin("erin", true);
        Fx.run(() -> Fx.<Button>node("connect").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("trust")));

        // The handshake waits for the click without blocking the UI; the server gives up after 300 ms.
        await().pollDelay(java.time.Duration.ofMillis(800)).atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("trust")));
        Fx.run(() -> Fx.<Button>node("trust").fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("messages") && lobbyShown()));
        assertThat(pins.pinned(serverName())).contains(server.keys().getFirst().fingerprint());
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
    void enterOnTheFirstContactDialogRejectsTheServerInsteadOfTrustingIt() throws Exception {
        openLogin();
        fillLogin("carol", true);
        // Enter in the login window connects; a second Enter must not trust a fingerprint nobody read.
        Fx.run(() -> Fx.<Button>node("connect").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("trust")));

        assertThat(Fx.call(() -> Fx.<Button>node("trust").isDefaultButton())).isFalse();
        assertThat(Fx.call(() -> Fx.<Button>node("reject").isDefaultButton())).isTrue();
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

    @Test
    void keyboardShortcutsReachTheMainWindowsActions() throws Exception {
        openLogin();
        fillLogin("hana", true);
        connectTrustingTheServer();

        press(KeyCode.N, false);
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("createRoom")));
        Fx.run(() -> {
            Fx.<TextField>node("newRoomName").setText("快捷键");
            Fx.<Button>node("createRoomOk").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("conversationHeader").getText().startsWith("# 快捷键")));

        press(KeyCode.UP, true);
        assertThat(Fx.call(() -> Fx.<Label>node("conversationHeader").getText())).startsWith("# Lobby");
        press(KeyCode.PAGE_DOWN, false);
        assertThat(Fx.call(() -> Fx.<Label>node("conversationHeader").getText())).startsWith("# 快捷键");
        press(KeyCode.I, false);
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("suiteName")));
        assertThat(Fx.call(() -> Fx.<Button>node("join").getTooltip().getText())).isEqualTo("Ctrl+J");
    }

    @Test
    void messagesRefusedForSendingTooFastShowAtOnceThenSayWhyOnTheirLinesAndComeBackToTheInput() throws Exception {
        openLogin();
        fillLogin("ivan", true);
        connectTrustingTheServer();

        // 40 messages at once: more than the server's burst (20) plus what refills while they are sent.
        List<String> atOnce = Fx.call(() -> {
            for (int i = 1; i <= 40; i++) {
                Fx.<TextArea>node("input").setText("flood " + i);
                Fx.<Button>node("send").fire();
            }
            return linesShown().stream().filter(ChatLine::inFlight).map(ChatLine::text).toList();
        });

        assertThat(atOnce).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(i -> "flood " + i).toList());
        await().atMost(WAIT).until(() -> Fx.call(() -> linesShown().stream().anyMatch(l -> l.kind() == ChatLine.Kind.OWN
                && l.delivery().equals(new Delivery.Refused("You are sending too fast; wait a few seconds and try again.")))));
        await().atMost(WAIT).until(() -> ownLinesShown() + refusedLines() == 40);
        List<String> back = List.of(Fx.call(() -> Fx.<TextArea>node("input").getText()).split("\n"));
        assertThat(back).hasSize(refusedLines()).allMatch(line -> line.startsWith("flood "));
        assertThat(back).isSortedAccordingTo(java.util.Comparator.comparingInt(line -> Integer.parseInt(line.substring(6))));
        List<String> flood = Fx.call(() -> linesShown().stream().map(ChatLine::text).filter(t -> t.startsWith("flood ")).toList());
        assertThat(flood).hasSize(40).doesNotHaveDuplicates();
        assertThat(Fx.call(DesktopTestBase::linesShown)).noneMatch(l -> l.kind() == ChatLine.Kind.NOTICE && l.text().startsWith("Not "));
        assertThat(Fx.call(() -> Fx.showing("error"))).isFalse();
    }

    /** How many of our own messages the conversation shows as refused: each with its reason on its line. */
    private static int refusedLines() throws Exception {
        return Fx.call(() -> (int) linesShown().stream().filter(l -> l.kind() == ChatLine.Kind.OWN
                && l.delivery() instanceof Delivery.Refused).count());
    }

    /** How many of our own messages the conversation shows as stored: each confirmed by the server. */
    private static int ownLinesShown() throws Exception {
        return Fx.call(() -> (int) linesShown().stream().filter(l -> l.kind() == ChatLine.Kind.OWN
                && l.delivery().equals(Delivery.SHOWN) && l.id() > 0).count());
    }

    /** Presses Ctrl+{@code key} (or Alt+{@code key}) in the message input, as a user would. */
    private static void press(KeyCode key, boolean alt) throws Exception {
        Fx.run(() -> Fx.<TextArea>node("input").fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, !alt, alt, false)));
    }
}
