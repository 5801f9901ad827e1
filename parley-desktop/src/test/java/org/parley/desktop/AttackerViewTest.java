package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.Test;

/** The Security panel shows this session's frames as an attacker sees them and names the matching lab scenarios. */
class AttackerViewTest extends DesktopTestBase {

    @Test
    void theSecurityPanelShowsTheHellosInClearThenOnlyCiphertextAndTheLabCommands() throws Exception {
        openLogin();
        fillLogin("lena", true);
        connectTrustingTheServer();
        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("attackerView")));

        String rows = Fx.call(() -> texts(Fx.node("attackerView")));
        assertThat(rows).contains("0x16 handshake (plaintext)", "0x17 encrypted record", "sent", "received");
        assertThat(rows.indexOf("0x16")).isLessThan(rows.indexOf("0x17"));
        assertThat(Fx.call(() -> Fx.<Label>node("labCommands").getText())).contains("bin/parley lab run eavesdrop");

        type("a message the attacker cannot read");
        Fx.run(() -> Fx.<javafx.scene.control.TextArea>node("input").fireEvent(enter(false)));
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("a message the attacker cannot read")));
        Fx.run(() -> Fx.<Button>node("refreshAttackerView").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> texts(Fx.node("attackerView"))).length() > rows.length());
    }

    private static String texts(GridPane grid) {
        StringBuilder out = new StringBuilder();
        for (Node node : grid.getChildren()) {
            if (node instanceof Label label) {
                out.append(label.getText()).append('\n');
            }
        }
        return out.toString();
    }
}
