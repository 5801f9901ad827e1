package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleySession;
import org.parley.client.SessionListener;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eSettings;
import org.parley.crypto.Bytes;
import org.parley.desktop.e2ee.SafetyQr;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.protocol.identity.InMemoryPinStore;

/**
 * The desktop's end-to-end private conversations against a real server: alice in the app, bob
 * (and his second device) as client-library sessions with their own device directories.
 */
class DesktopEndToEndTest extends DesktopTestBase {
    private static final String BOBS_PASSWORD = "another good passphrase";
    private final List<ParleySession> peers = new CopyOnWriteArrayList<>();
    private final List<E2eEvent> bobsE2e = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(ParleySession::close);
    }

    /** A session of {@code user} with the end-to-end device kept under {@code home}. */
    private ParleySession peer(String user, String home, boolean register, List<E2eEvent> events) throws Exception {
        ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), new InMemoryPinStore(), f -> true);
        SessionSettings settings = new SessionSettings(options, FirstContactQuestion.answeredBy(f -> true), Runnable::run,
                Optional.empty()).withE2e(E2eSettings.in(data.resolve(home)));
        SessionListener listener = new SessionListener() {
            @Override
            public void onEvent(org.parley.protocol.chat.ChatEvent.Push event) {
            }

            @Override
            public void onE2e(E2eEvent event) {
                events.add(event);
            }

            @Override
            public void onClosed(String reason) {
            }
        };
        ParleySession session = Blocking.await(ParleySession.start(settings, listener, user, c -> register
                ? c.register(user, BOBS_PASSWORD.toCharArray(), Optional.empty())
                : c.login(user, (user.equals("alice") ? "correct horse battery staple" : BOBS_PASSWORD).toCharArray())), WAIT);
        peers.add(session);
        return session;
    }

    private void aliceChatsWithBob(ParleySession bob) throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<String>>node("online").getItems().contains("bob")));
        Fx.run(() -> {
            ListView<String> online = Fx.node("online");
            online.getSelectionModel().select("bob");
            online.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("e2eLock").getText().contains("bob")));
    }

    private void sendAsAlice(String text) throws Exception {
        type(text);
        Fx.run(() -> Fx.node("input").fireEvent(enter(false)));
    }

    private void aliceSendsAndBobReads(String text) throws Exception {
        sendAsAlice(text);
        await().atMost(WAIT).until(() -> bobReceived().contains(text));
    }

    private void bobSendsAndAliceSees(ParleySession bob, String text) throws Exception {
        Blocking.await(bob.sendPrivate("alice", text), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains(text)));
    }

    /** Alice signs in on a second device, then opens the Account window of the first, which lists both. */
    private void openAccountAfterAliceAddsAPhone() throws Exception {
        peer("alice", "alice-phone", false, new CopyOnWriteArrayList<>());
        Fx.run(() -> Fx.<Button>node("account").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("accountDevices")
                && Fx.<VBox>node("accountDevices").getChildren().size() == 2));
    }

    private List<String> bobReceived() {
        return bobsE2e.stream().filter(e -> e instanceof E2eEvent.Message m && !m.message().outgoing())
                .map(e -> ((E2eEvent.Message) e).message().text()).toList();
    }

    @Test
    void aPrivateConversationShowsTheLockAndItsMessagesTravelEndToEnd() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        aliceChatsWithBob(bob);

        aliceSendsAndBobReads("秘密 at five");
        bobSendsAndAliceSees(bob, "see you");

        assertThat(Fx.call(() -> Fx.<Label>node("e2eLock").getText())).contains("🔒", "End-to-end encrypted", "bob");
        List<ChatLine> lines = Fx.call(DesktopTestBase::linesShown);
        assertThat(lines).filteredOn(l -> l.kind() != ChatLine.Kind.NOTICE)
                .extracting(ChatLine::text, ChatLine::protection)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("秘密 at five", ChatLine.Protection.END_TO_END),
                        org.assertj.core.groups.Tuple.tuple("see you", ChatLine.Protection.END_TO_END));
        assertThat(lines).anyMatch(l -> l.text().contains("earlier messages are not on this device"));
        screenshot("messages", "desktop-e2e-conversation");

        // Forget the conversation on screen; opening it again shows this device's end-to-end history.
        Fx.run(() -> Fx.<ListView<ConversationState>>node("conversations").getItems()
                .removeIf(c -> c.displayName().equals("@ bob")));
        Fx.run(() -> Fx.<ListView<String>>node("online").fireEvent(
                new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false)));
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().equals(List.of("秘密 at five", "see you"))));
        assertThat(Fx.call(() -> linesShown().stream().map(ChatLine::kind).toList()))
                .containsExactly(ChatLine.Kind.OWN, ChatLine.Kind.PRIVATE);
    }

    @Test
    void theSafetyNumberDialogShowsAQrCodeOfBothSidesPayloadAndMarksBobVerified() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        aliceChatsWithBob(bob);
        aliceSendsAndBobReads("hello");
        SafetyNumber bobsView = Blocking.await(bob.safetyNumber("alice"), WAIT);

        Fx.run(() -> Fx.<Button>node("safetyNumber").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("safetyQr")));
        Bytes scanned = Fx.call(() -> SafetyQr.read(Fx.<ImageView>node("safetyQr").getImage()).orElseThrow());
        String digits = Fx.call(() -> Fx.<Label>node("safetyDigits").getText());
        String compared = Fx.call(() -> {
            Fx.<TextField>node("safetyCompare").setText(bobsView.grouped());
            return Fx.<Label>node("safetyCompareResult").getText();
        });
        screenshot("safetyQr", "desktop-safety-number");
        Fx.run(() -> Fx.<Button>node("markVerified").fire());

        assertThat(scanned).isEqualTo(bobsView.qrPayload());
        assertThat(digits.replaceAll("\\s", "")).isEqualTo(bobsView.digits());
        assertThat(compared).startsWith("Match");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("safetyVerified").getText()).equals("bob is verified."));
    }

    @Test
    void aVerifiedContactsNewDeviceIsShownAndSendingWaitsUntilTheChangeIsAccepted() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        aliceChatsWithBob(bob);
        aliceSendsAndBobReads("before");
        Fx.run(() -> Fx.<Button>node("safetyNumber").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("markVerified")));
        Fx.run(() -> Fx.<Button>node("markVerified").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("safetyVerified").getText()).equals("bob is verified."));
        List<E2eEvent> phoneEvents = new CopyOnWriteArrayList<>();
        peer("bob", "bob-phone", false, phoneEvents);

        sendAsAlice("after");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("acceptChanges")));
        boolean askedBeforeSending = bobReceived().contains("after");
        Fx.run(() -> Fx.<Button>node("acceptChanges").fire());

        assertThat(askedBeforeSending).isFalse();
        await().atMost(WAIT).until(() -> phoneEvents.stream().anyMatch(e -> e instanceof E2eEvent.Message m
                && m.message().text().equals("after")));
        assertThat(Fx.call(DesktopTestBase::shownTexts)).anyMatch(t -> t.contains("bob has a new device"));
    }

    /**
     * An invitation into an encrypted room names the keys of the invitee's devices, so a verified
     * contact's new device is asked about first, as before sending: nothing is signed until alice
     * accepts, and then the invitation names the new device too.
     */
    @Test
    void invitingAVerifiedContactWhoseDevicesChangedAsksFirstAndThenInvitesEveryDevice() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        aliceChatsWithBob(bob);
        Fx.run(() -> Fx.<Button>node("safetyNumber").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("markVerified")));
        Fx.run(() -> Fx.<Button>node("markVerified").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("safetyVerified").getText()).equals("bob is verified."));
        ParleySession phone = peer("bob", "bob-phone", false, new CopyOnWriteArrayList<>());
        Fx.run(() -> {
            Fx.<Button>node("create").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("newRoomName")));
        Fx.run(() -> {
            Fx.<TextField>node("newRoomName").setText("den");
            Fx.<javafx.scene.control.CheckBox>node("newRoomPrivate").setSelected(true);
            Fx.<javafx.scene.control.CheckBox>node("newRoomEncrypted").setSelected(true);
            Fx.<Button>node("createRoomOk").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<org.parley.protocol.chat.MemberInfo>>node("members")
                .getItems().stream().anyMatch(m -> m.user().equals("alice"))));

        assertThat(memberMenuFor("alice")).contains("inviteUser");
        fireMenuItem("inviteUser");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("promptText")));
        Fx.run(() -> {
            Fx.<TextField>node("promptText").setText("bob");
            Fx.<Button>node("promptOk").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("acceptChanges")));
        assertThat(phone.join("den")).as("nothing signed while alice is asked").failsWithin(WAIT);
        Fx.run(() -> Fx.<Button>node("acceptChanges").fire());

        await().atMost(WAIT).until(() -> {
            try {
                return Blocking.await(phone.join("den"), WAIT).room().name().equals("den");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void theAccountWindowListsBothDevicesAndRemovesTheOtherOne() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        aliceChatsWithBob(bob);
        openAccountAfterAliceAddsAPhone();
        screenshot("accountDevices", "desktop-devices");
        String removeId = Fx.call(() -> Fx.<VBox>node("accountDevices").lookupAll("Button").stream()
                .map(Node::getId).filter(id -> id.startsWith("remove-")).findFirst().orElseThrow());
        Fx.run(() -> Fx.<Button>node(removeId).fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<VBox>node("accountDevices").getChildren().size() == 1));
        assertThat(Fx.call(() -> Fx.<Label>node("accountStatus").getText())).startsWith("Device ").endsWith(" removed.");
    }

    @Test
    void theAccountWindowOffersAcceptForANewDeviceOfTheAccountUntilItIsAccepted() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        aliceChatsWithBob(bob);
        openAccountAfterAliceAddsAPhone();
        List<String> acceptIds = Fx.call(() -> Fx.<VBox>node("accountDevices").lookupAll("Button").stream()
                .map(Node::getId).filter(id -> id.startsWith("accept-")).toList());
        assertThat(acceptIds).hasSize(1);
        assertThat(Fx.call(() -> Fx.<Label>node("device-" + acceptIds.getFirst().substring("accept-".length())).getText()))
                .contains("not accepted here");
        Fx.run(() -> Fx.<Button>node(acceptIds.getFirst()).fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("accountStatus").getText().startsWith("Your devices")
                && Fx.<VBox>node("accountDevices").getChildren().size() == 2
                && Fx.<VBox>node("accountDevices").lookupAll("Button").stream()
                        .noneMatch(button -> button.getId().startsWith("accept-"))));
    }

    @Test
    void theSecurityPanelShowsTheConversationsSuiteAndRatchetCounters() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        aliceChatsWithBob(bob);
        aliceSendsAndBobReads("one");
        bobSendsAndAliceSees(bob, "two");

        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("e2eSuite")));

        assertThat(Fx.call(() -> Fx.<Label>node("e2eSuite").getText())).isEqualTo("pq-ratchet");
        assertThat(Fx.call(() -> Fx.<Label>node("e2e-sent").getText())).isEqualTo("1");
        assertThat(Fx.call(() -> Fx.<Label>node("e2e-received").getText())).isEqualTo("1");
        assertThat(Long.parseLong(Fx.call(() -> Fx.<Label>node("e2e-dhSteps").getText()))).isPositive();
        screenshot("e2eSuite", "desktop-e2e-security");
    }

    @Test
    void aPrivateConversationReopenedByAnIncomingMessageShowsItsEarlierMessagesToo() throws Exception {
        ParleySession bob = peer("bob", "bob-laptop", true, bobsE2e);
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        Blocking.await(bob.sendPrivate("alice", "first, before you closed it"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> conversationNamed("@ bob") != null));
        Fx.run(() -> {
            Fx.<ListView<ConversationState>>node("conversations").getSelectionModel().select(conversationNamed("@ bob"));
            Fx.<javafx.scene.control.Button>node("leave").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> conversationNamed("@ bob") == null));

        Blocking.await(bob.sendPrivate("alice", "second"), WAIT);

        await().atMost(WAIT).until(() -> Fx.call(() -> conversationNamed("@ bob") != null
                && conversationNamed("@ bob").lines().stream().filter(l -> l.kind() != ChatLine.Kind.NOTICE)
                        .map(ChatLine::text).toList().equals(List.of("first, before you closed it", "second"))));
    }

    private static ConversationState conversationNamed(String name) {
        return Fx.<ListView<ConversationState>>node("conversations").getItems().stream()
                .filter(c -> c.displayName().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
