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

    /**
     * The window grows to show "Advanced" (up to the screen's height), so on any screen at least 1000
     * px high its height after growing is what it needs: at most 1000 px, and then nothing scrolls.
     * (A screen's own height is not the test's business: xvfb-run's default is 1280x1024, .ci/run's
     * 1600x1000.)
     */
    @Test
    void theLoginWindowWithAdvancedOpenFitsAThousandPixelScreenWithoutScrolling() throws Exception {
        assertThat(Fx.call(() -> Screen.getPrimary().getVisualBounds().getHeight()))
                .as("a screen at least 1000 px high, or the window stops growing at the screen's edge")
                .isGreaterThanOrEqualTo(1000);
        openLogin();
        Fx.run(() -> {
            TitledPane advanced = Fx.node("advanced");
            advanced.setAnimated(false); // expanded at once, so the layout below is the final one
            advanced.setExpanded(true);
        });

        await().atMost(WAIT).until(() -> Fx.call(() -> {
            ScrollPane scroll = (ScrollPane) Fx.windowWith("advanced").orElseThrow().getScene().getRoot();
            double shown = scroll.getContent().getLayoutBounds().getHeight();
            boolean laidOut = Math.abs(shown - scroll.getContent().prefHeight(scroll.getViewportBounds().getWidth())) <= 1;
            return laidOut && shown <= scroll.getViewportBounds().getHeight() + 1;
        }));
        assertThat(Fx.call(() -> Fx.windowWith("advanced").orElseThrow().getHeight())).isLessThanOrEqualTo(1000);
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
