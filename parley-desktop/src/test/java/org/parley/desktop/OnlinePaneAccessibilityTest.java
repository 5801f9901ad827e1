package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Locale;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;

/**
 * The room's member list says in words what it shows by colour: an offline member is greyed, and
 * a screen reader hears "offline"; roles follow a language switch. Runs on the X display in DISPLAY (Xvfb).
 */
class OnlinePaneAccessibilityTest {
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void close() throws Exception {
        Fx.run(() -> stage.hide());
    }

    @Test
    void anOfflineMemberIsSaidToBeOfflineAndARoleIsSaidInWords() throws Exception {
        showTeam();

        assertThat(Fx.call(() -> spoken("bob"))).isEqualTo("bob, offline");
        assertThat(Fx.call(() -> spoken("carol"))).isEqualTo("carol, operator");
        assertThat(Fx.call(() -> spoken("alice"))).isEqualTo("alice, owner");
    }

    @Test
    void aLanguageSwitchRelabelsTheRolesShownAndSpokenAtOnce() throws Exception {
        showTeam();

        Fx.run(() -> i18n.setLocale(I18n.CHINESE));

        // The cells are redrawn on the next pulse, not inside setLocale.
        await().atMost(Fx.TIMEOUT).untilAsserted(() -> assertThat(Fx.call(() -> cell("carol").getText())).isEqualTo("carol  · 管理员"));
        assertThat(Fx.call(() -> spoken("carol"))).isEqualTo("carol，管理员");
        assertThat(Fx.call(() -> spoken("bob"))).isEqualTo("bob，离线");
    }

    /** Shows the member list of room "team": alice (owner, online), bob (offline), carol (operator, online). */
    private void showTeam() throws Exception {
        Fx.run(() -> {
            ChatModel model = new ChatModel(i18n);
            model.setMe("alice");
            model.joined(new ChatEvent.JoinedRoom(1, new RoomInfo("team", "", RoomVisibility.PUBLIC, false, 3, 3), List.of(
                    new MemberInfo("alice", Role.OWNER, 1), new MemberInfo("bob", Role.MEMBER, 1), new MemberInfo("carol", Role.OP, 1))));
            model.setOnline(List.of(new MemberInfo("alice", Role.OWNER, 1), new MemberInfo("carol", Role.OP, 1)));
            stage = new Stage();
            stage.setScene(new Scene(OnlinePane.create(i18n, model, user -> { }, new MemberMenu(i18n, null, null, "alice")), 300, 500));
            stage.show();
        });
        await().atMost(Fx.TIMEOUT).until(() -> Fx.call(() -> cell("bob") != null && cell("alice") != null && cell("carol") != null));
    }

    /** The rendered member cell of {@code user}, or null while none shows it. FX thread. */
    private ListCell<?> cell(String user) {
        ListView<?> members = (ListView<?>) stage.getScene().lookup("#members");
        return members.lookupAll(".list-cell").stream()
                .map(node -> (ListCell<?>) node)
                .filter(cell -> cell.getItem() instanceof MemberInfo member && member.user().equals(user))
                .findFirst().orElse(null);
    }

    /** What the rendered member cell of {@code user} gives a screen reader. FX thread. */
    private String spoken(String user) {
        return (String) cell(user).queryAccessibleAttribute(AccessibleAttribute.TEXT);
    }
}
