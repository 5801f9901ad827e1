package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.LoginKeyFile;
import org.parley.client.ParleyClient;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.HashComponent;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuiteComponent;

/**
 * The login window's key-file sign-in and "Advanced" suite choice, the security panel's key-update
 * count, and clickable links, each against a real server.
 */
class DesktopSecurityOptionsTest extends DesktopTestBase {

    @Test
    void logsInWithAKeyFileAndCountsKeyUpdatesInTheSecurityPanel() throws Exception {
        Path keyFile = data.resolve("erin.key");
        LoginKeyFile.LoginKey key = LoginKeyFile.create(keyFile, SignatureComponent.ED25519, new SecureRandom());
        registerWithLoginKey("erin", key);
        openLogin();
        chooseKeyFile("erin", keyFile);

        assertThat(Fx.call(() -> Fx.<PasswordField>node("password").isDisabled() && Fx.<CheckBox>node("register").isDisabled())).isTrue();
        connectTrustingTheServer();
        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("keyUpdateCounts")));

        assertThat(Fx.call(() -> Fx.<Label>node("loginMethod").getText())).startsWith("Public-key login");
        assertThat(Fx.call(() -> Fx.<Label>node("keyUpdateCounts").getText()))
                .isEqualTo("Sent by this client: 0 · received from the server: 0");
        Fx.run(() -> Fx.<Button>node("updateKeys").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("keyUpdateCounts").getText())
                .equals("Sent by this client: 1 · received from the server: 1"));
        connectBob();
        Blocking.await(bob.sendRoom("lobby", "still readable after the key update"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("still readable after the key update")));
        assertThat(new Settings(prefs).useKeyFile()).isTrue();
        assertThat(new Settings(prefs).keyFile()).isEqualTo(keyFile.toString());
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedBeforeTheServerIsContacted() throws Exception {
        Path keyFile = data.resolve("loose.key");
        LoginKeyFile.create(keyFile, SignatureComponent.ED25519, new SecureRandom());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        openLogin();
        chooseKeyFile("erin", keyFile);

        Fx.run(() -> Fx.<Button>node("connect").fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("error")));
        assertThat(Fx.call(() -> Fx.<DialogPane>node("error").getHeaderText())).isEqualTo("The key file cannot be used");
        assertThat(Fx.call(() -> ((Label) Fx.<DialogPane>node("error").getContent()).getText())).contains("chmod 600");
        assertThat(Fx.call(() -> Fx.showing("trust") || Fx.showing("messages"))).isFalse();
        assertThat(pins.pinned(serverName())).isEmpty();
    }

    @Test
    void presetComponentsAreShownReadOnlyWithTheirWorstCase() throws Exception {
        openLogin();

        Fx.run(() -> Fx.<ComboBox<Preset>>node("preset").setValue(Preset.PQ));

        assertThat(Fx.call(() -> ticked())).containsExactlyInAnyOrderElementsOf(components(Preset.PQ));
        assertThat(Fx.call(() -> Fx.<CheckBox>node("component-X25519MLKEM768").isDisabled())).isTrue();
        assertThat(Fx.call(() -> Fx.<Label>node("offerSummary").getText())).isEqualTo(
                "Worst case: 128-bit security · post-quantum key exchange: always · post-quantum server signature: only if the server picks it");
        assertThat(Fx.call(() -> Fx.<TitledPane>node("advanced").getText())).isEqualTo("Advanced security: PQ");
    }

    @Test
    void individualComponentsAreOfferedNegotiatedAndRemembered() throws Exception {
        List<SuiteComponent> chosen = List.of(KeyExchangeComponent.X448, SignatureComponent.ED25519,
                CipherComponent.CHACHA20_POLY1305, HashComponent.SHA512);
        openLogin();
        fillLogin("frank", true);
        Fx.run(() -> {
            Fx.<TitledPane>node("advanced").setExpanded(true);
            Fx.<CheckBox>node("customSuite").setSelected(true);
            allComponents().forEach(c -> Fx.<CheckBox>node("component-" + c.label()).setSelected(chosen.contains(c)));
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.windowWith("advanced").orElseThrow().getHeight() > 520));
        screenshot("advanced", "desktop-login-advanced");

        assertThat(Fx.call(() -> Fx.<Label>node("offerSummary").getText()))
                .isEqualTo("Worst case: 128-bit security · post-quantum key exchange: no · post-quantum server signature: no");
        connectTrustingTheServer();
        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("suiteName")));
        assertThat(Fx.call(() -> Fx.<Label>node("suiteName").getText())).isEqualTo(new CipherSuite(KeyExchangeComponent.X448,
                SignatureComponent.ED25519, CipherComponent.CHACHA20_POLY1305, HashComponent.SHA512).canonicalName());

        Fx.run(() -> List.copyOf(Window.getWindows()).forEach(Window::hide));
        openLogin();
        assertThat(Fx.call(() -> Fx.<CheckBox>node("customSuite").isSelected())).isTrue();
        assertThat(Fx.call(() -> ticked())).containsExactlyInAnyOrderElementsOf(chosen);
    }

    @Test
    void aChoiceWithoutSomeKindCannotConnectAndSaysWhichKindIsMissing() throws Exception {
        openLogin();
        Fx.run(() -> {
            Fx.<CheckBox>node("customSuite").setSelected(true);
            for (HashComponent hash : HashComponent.values()) {
                Fx.<CheckBox>node("component-" + hash.label()).setSelected(false);
            }
        });

        assertThat(Fx.call(() -> Fx.<Button>node("connect").isDisabled())).isTrue();
        assertThat(Fx.call(() -> Fx.<Label>node("offerSummary").getText()))
                .isEqualTo("Choose at least one algorithm for: Hash (transcript, key schedule)");
        Fx.run(() -> Fx.<CheckBox>node("component-SHA256").setSelected(true));
        assertThat(Fx.call(() -> Fx.<Button>node("connect").isDisabled())).isFalse();
    }

    @Test
    void webLinksInMessagesAreClickableAndOtherSchemesAreNot() throws Exception {
        openLogin();
        fillLogin("gina", true);
        connectTrustingTheServer();
        connectBob();

        String text = "docs: https://example.org/parley?x=1. not a link: file:///etc/passwd";
        Blocking.await(bob.sendRoom("lobby", text), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> !links().isEmpty()));

        assertThat(Fx.call(() -> links().stream().map(Hyperlink::getText).toList())).containsExactly("https://example.org/parley?x=1");
        Fx.run(() -> links().getFirst().fire());
        assertThat(opened).containsExactly("https://example.org/parley?x=1");
    }

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void theAccountWindowMakesAKeyFileForTheNextSignInAndChangesThePassword() throws Exception {
        Path keyFile = data.resolve("keys/jade.key");
        openLogin();
        fillLogin("jade", true);
        connectTrustingTheServer();
        Fx.run(() -> Fx.<Button>node("account").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("createKey")));

        Fx.run(() -> {
            Fx.<TextField>node("accountKeyFile").setText(keyFile.toString());
            Fx.<Button>node("createKey").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("accountStatus").getText()).startsWith("Key file created at"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        setNewPassword(PASSWORD, "one passphrase", "another passphrase");
        assertThat(Fx.call(() -> Fx.<Label>node("accountStatus").getText())).isEqualTo("The two passwords differ; nothing was changed.");
        setNewPassword("not my password", "a brand new passphrase", "a brand new passphrase");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("accountStatus").getText())
                .equals("The current password is not correct; the password was not changed."));
        setNewPassword(PASSWORD, "a brand new passphrase", "a brand new passphrase");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<Label>node("accountStatus").getText()).startsWith("Password changed."));
        assertThat(Fx.call(() -> Fx.<PasswordField>node("newPassword").getText())).isEmpty();
        assertThat(Fx.call(() -> Fx.<PasswordField>node("currentPassword").getText())).isEmpty();

        Fx.run(() -> List.copyOf(Window.getWindows()).forEach(Window::hide));
        openLogin();
        chooseKeyFile("jade", keyFile);
        Fx.run(() -> Fx.<Button>node("connect").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("messages") && lobbyShown()));
        try (ParleyClient library = Blocking.await(ParleyClient.connect(ClientOptions.defaults("127.0.0.1",
                server.address().getPort(), new InMemoryPinStore(), f -> true), quiet()), WAIT)) {
            assertThat(Blocking.await(library.login("jade", "a brand new passphrase".toCharArray()), WAIT)).isEqualTo("jade");
        }
    }

    private static void setNewPassword(String current, String first, String second) throws Exception {
        Fx.run(() -> {
            Fx.<PasswordField>node("currentPassword").setText(current);
            Fx.<PasswordField>node("newPassword").setText(first);
            Fx.<PasswordField>node("newPasswordAgain").setText(second);
            Fx.<Button>node("changePassword").fire();
        });
    }

    private void chooseKeyFile(String user, Path keyFile) throws Exception {
        Fx.run(() -> {
            Fx.<TextField>node("server").setText(serverName());
            Fx.<TextField>node("username").setText(user);
            Fx.<RadioButton>node("useKeyFile").setSelected(true);
            Fx.<TextField>node("keyFile").setText(keyFile.toString());
        });
    }

    /** Registers {@code user} with a password over the client library and adds the file's key to the account. */
    private void registerWithLoginKey(String user, LoginKeyFile.LoginKey key) throws Exception {
        try (ParleyClient client = Blocking.await(ParleyClient.connect(ClientOptions.defaults("127.0.0.1",
                server.address().getPort(), new InMemoryPinStore(), f -> true), quiet()), WAIT)) {
            Blocking.await(client.register(user, "a password erin never types again".toCharArray(), Optional.empty()), WAIT);
            Blocking.await(client.addLoginKey(key.algorithm(), key.key().publicKey()), WAIT);
        }
    }

    private static ClientListener quiet() {
        return new ClientListener() {
            @Override
            public void onEvent(ChatEvent.Push event) {
            }

            @Override
            public void onDisconnected(String reason) {
            }
        };
    }

    private static List<Hyperlink> links() {
        ListView<ChatLine> messages = Fx.node("messages");
        Set<Node> found = messages.lookupAll(".message-link");
        return found.stream().filter(n -> n instanceof Hyperlink && n.isVisible()).map(n -> (Hyperlink) n).toList();
    }

    private static List<SuiteComponent> ticked() {
        return allComponents().stream().filter(c -> Fx.<CheckBox>node("component-" + c.label()).isSelected()).toList();
    }

    private static List<SuiteComponent> allComponents() {
        return CustomSuite.kinds().stream().flatMap(List::stream).map(c -> (SuiteComponent) c).toList();
    }

    private static List<SuiteComponent> components(Preset preset) {
        var prefs = preset.preferences();
        return java.util.stream.Stream.of(prefs.keyExchanges(), prefs.signatures(), prefs.ciphers(), prefs.hashes())
                .flatMap(List::stream).map(c -> (SuiteComponent) c).toList();
    }
}
