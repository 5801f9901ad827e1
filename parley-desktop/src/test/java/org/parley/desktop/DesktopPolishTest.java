package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import org.junit.jupiter.api.Test;

/** Escape closes secondary windows, the login window fits a 1000-px screen, server texts are translated. */
class DesktopPolishTest extends DesktopTestBase {

    private static void pressEscapeIn(String nodeId) throws Exception {
        Fx.run(() -> Fx.node(nodeId).fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ESCAPE, false, false, false, false)));
    }

    @Test
    void escapeClosesTheSecurityPanelAndTheAccountWindow() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();

        Fx.run(() -> Fx.<Button>node("security").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("securityPanel")));
        pressEscapeIn("securityPanel");
        await().atMost(WAIT).until(() -> Fx.call(() -> !Fx.showing("securityPanel")));

        Fx.run(() -> Fx.<Button>node("account").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("accountStatus")));
        pressEscapeIn("accountStatus");
        await().atMost(WAIT).until(() -> Fx.call(() -> !Fx.showing("accountStatus")));
        assertThat(Fx.call(() -> Fx.showing("messages"))).isTrue();
    }

    @Test
    void theLoginWindowWithAdvancedOpenFitsAThousandPixelScreenWithoutScrolling() throws Exception {
        assertThat(Fx.call(() -> Screen.getPrimary().getVisualBounds().getHeight())).isLessThanOrEqualTo(1000);
        openLogin();
        Fx.run(() -> Fx.<TitledPane>node("advanced").setExpanded(true));

        await().atMost(WAIT).until(() -> Fx.call(() -> {
            ScrollPane scroll = (ScrollPane) Fx.windowWith("advanced").orElseThrow().getScene().getRoot();
            return scroll.getContent().getLayoutBounds().getHeight() <= scroll.getViewportBounds().getHeight() + 1;
        }));
    }

    @Test
    void knownServerNoticesAreTranslatedAndUnknownOnesShownAsTheyCame() {
        I18n i18n = new I18n(Locale.SIMPLIFIED_CHINESE);

        assertThat(ServerTexts.translate(i18n, "the server is shutting down")).isEqualTo("服务器正在关闭");
        assertThat(ServerTexts.translate(i18n, "not logged in within 30000 ms; closing the connection"))
                .isEqualTo("30000 毫秒内未登录，服务器关闭了连接");
        assertThat(ServerTexts.translate(i18n, "maintenance at 22:00")).isEqualTo("maintenance at 22:00");
    }
}
