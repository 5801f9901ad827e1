package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogStatus;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomSecurityView;

/** The Security panel's room section: the labels of docs/E2EE.md 19.9 and the membership-log status, both languages. */
class RoomSecuritySectionTest {
    private static final Bytes HEAD = Bytes.fromHex("fedcba9876543210".repeat(4));

    @BeforeAll
    static void startToolkit() throws Exception {
        Fx.start();
    }

    private static String text(VBox box, String id) {
        Node node = box.lookup("#" + id);
        assertThat(node).as(id).isNotNull();
        return ((Label) node).getText();
    }

    private static String all(VBox box) {
        StringBuilder out = new StringBuilder();
        box.lookupAll(".label").forEach(node -> out.append(((Label) node).getText()).append('\n'));
        return out.toString();
    }

    @Test
    void anEncryptedRoomShowsForwardSecrecyPostCompromiseOnlyAfterRekeyTheChainAndAVerifiedLog() throws Exception {
        var view = new RoomSecurityView(Optional.of(2L), 7, 993, false, 3, new LogStatus.Verified(4, HEAD));

        VBox box = Fx.call(() -> RoomSecuritySection.of(new I18n(Locale.ENGLISH), "team", Optional.of(view)));

        assertThat(Fx.call(() -> text(box, "roomE2eSummary"))).contains("Forward secrecy per message along each sender chain: yes")
                .contains("post-compromise security: only after a rekey");
        assertThat(Fx.call(() -> text(box, "roomE2e-epoch"))).isEqualTo("2");
        assertThat(Fx.call(() -> text(box, "roomE2e-sent"))).isEqualTo("7");
        assertThat(Fx.call(() -> text(box, "roomE2e-left"))).isEqualTo("993");
        assertThat(Fx.call(() -> text(box, "roomE2e-rekeyDue"))).isEqualTo("no");
        assertThat(Fx.call(() -> text(box, "roomE2e-chains"))).isEqualTo("3");
        assertThat(Fx.call(() -> text(box, "roomE2eLog"))).isEqualTo("Membership log: verified (4 entries, head fedcba9876543210…).");
        assertThat(Fx.call(() -> box.lookup("#roomE2eLog").getStyleClass())).contains("e2e-verified");
        assertThat(Fx.call(() -> all(box))).contains("earlier history is not shared");
    }

    @Test
    void aLogProblemIsShownWithTheEntriesStillInForceInChinese() throws Exception {
        var view = new RoomSecurityView(Optional.empty(), 0, 1000, true, 0,
                new LogStatus.Problem(RoomError.LOG_FORKED, "entry 3 differs", 3));

        VBox box = Fx.call(() -> RoomSecuritySection.of(new I18n(Locale.SIMPLIFIED_CHINESE), "密室", Optional.of(view)));

        assertThat(Fx.call(() -> text(box, "roomE2eLog"))).contains("有问题").contains("分叉").contains("3 条记录");
        assertThat(Fx.call(() -> box.lookup("#roomE2eLog").getStyleClass())).contains("e2e-problem");
        assertThat(Fx.call(() -> text(box, "roomE2e-epoch"))).isEqualTo("尚无");
        assertThat(Fx.call(() -> text(box, "roomE2e-rekeyDue"))).isEqualTo(new I18n(Locale.SIMPLIFIED_CHINESE).get("security.yes"));
        assertThat(Fx.call(() -> all(box))).doesNotContain("{");
    }

    @Test
    void aPlainRoomSaysTheServerCanReadItAndShowsNoCounters() throws Exception {
        VBox box = Fx.call(() -> RoomSecuritySection.of(new I18n(Locale.ENGLISH), "Lobby", Optional.empty()));

        assertThat(Fx.call(() -> text(box, "roomE2ePlain"))).contains("Lobby is not end-to-end encrypted");
        assertThat(Fx.call(() -> box.lookup("#roomE2eCounters"))).isNull();
    }

    @Test
    void everyRoomErrorHasAnEnglishAndAChineseText() {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            I18n i18n = new I18n(locale);
            for (RoomError error : RoomError.values()) {
                assertThat(i18n.has("roomE2e.problem." + error.name())).as(locale + " " + error).isTrue();
            }
        }
    }
}
