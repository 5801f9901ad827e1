package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.client.SafetyNumberChangedException;
import org.parley.crypto.Bytes;
import org.parley.desktop.e2ee.SafetyQr;
import org.parley.e2ee.safety.SafetyNumber;

/** The safety-number dialog on the X display: digits, a QR code ZXing reads back, comparing, marking verified. */
class SafetyNumberDialogTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<Bytes> aliceKeys = List.of(key());
    private final List<Bytes> bobKeys = List.of(key(), key());
    private final SafetyNumber alicesView = SafetyNumber.of("alice", aliceKeys, "bob", bobKeys);
    private final SafetyNumber bobsView = SafetyNumber.of("bob", bobKeys, "alice", aliceKeys);
    private final List<String> marked = new CopyOnWriteArrayList<>();
    /** When set, the first marking fails: the devices listed now give this number. */
    private volatile SafetyNumber changedTo;
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            Fx.run(stage::close);
        }
    }

    @Test
    void theQrCodeOnScreenReadsBackAsTheDocumentedPayloadAndTheDigitsAreGrouped() throws Exception {
        open(false);

        Bytes read = Fx.call(() -> SafetyQr.read(Fx.<ImageView>node("safetyQr").getImage()).orElseThrow());
        String digits = Fx.call(() -> Fx.<Label>node("safetyDigits").getText());

        assertThat(read).isEqualTo(alicesView.qrPayload());
        assertThat(read.length()).isEqualTo(65);
        assertThat(digits.replaceAll("\\s", "")).isEqualTo(alicesView.digits());
        assertThat(digits.lines()).hasSize(3).allMatch(row -> row.split(" +").length == 4);
    }

    @Test
    void theOtherSidesQrImageAndPastedDigitsMatchAndAChangedDigitDoesNot() throws Exception {
        open(false);
        var bobsQr = Fx.call(() -> SafetyQr.image(bobsView.qrPayload(), 4));

        String fromImage = Fx.call(() -> {
            dialogOf().compareImage(bobsQr);
            return Fx.<Label>node("safetyCompareResult").getText();
        });
        String fromDigits = compare(bobsView.grouped());
        String changed = bobsView.digits().charAt(0) == '0' ? "1" + bobsView.digits().substring(1)
                : "0" + bobsView.digits().substring(1);
        String fromChanged = compare(changed);
        String fromHex = compare(bobsView.qrPayload().toHex().toUpperCase(Locale.ROOT));
        String fromGarbage = compare("not a number");

        assertThat(fromImage).startsWith("Match");
        assertThat(fromDigits).startsWith("Match");
        assertThat(fromHex).startsWith("Match");
        assertThat(fromChanged).startsWith("No match");
        assertThat(fromGarbage).startsWith("Not a safety number");
    }

    @Test
    void markAsVerifiedRecordsTheDecisionOnceAndSaysSoInChinese() throws Exception {
        open(false);

        Fx.run(() -> Fx.<Button>node("markVerified").fire());
        Fx.run(() -> i18n.setLocale(I18n.CHINESE));

        assertThat(marked).containsExactly("bob " + alicesView.digits());
        org.awaitility.Awaitility.await().atMost(Fx.TIMEOUT).until(() -> Fx.call(() -> Fx.<Button>node("markVerified").isDisabled()));
        assertThat(Fx.call(() -> Fx.<Label>node("safetyVerified").getText())).isEqualTo("bob 已验证。");
    }

    @Test
    void aNumberThatNoLongerHoldsIsNotMarkedAndTheNewOneIsShownToCompare() throws Exception {
        SafetyNumber withPhone = SafetyNumber.of("alice", aliceKeys, "bob", List.of(bobKeys.get(0), bobKeys.get(1), key()));
        changedTo = withPhone;
        open(false);
        compare(bobsView.grouped());

        Fx.run(() -> Fx.<Button>node("markVerified").fire());
        org.awaitility.Awaitility.await().atMost(Fx.TIMEOUT).until(() -> Fx.call(
                () -> Fx.<Label>node("safetyDigits").getText().replaceAll("\\s", "").equals(withPhone.digits())));

        assertThat(Fx.call(() -> Fx.<Label>node("safetyVerified").getText())).startsWith("Not marked: the safety number with bob changed");
        assertThat(Fx.call(() -> Fx.<TextField>node("safetyPayload").getText())).isEqualTo(withPhone.qrPayload().toHex());
        assertThat(Fx.call(() -> Fx.<Label>node("safetyCompareResult").getText())).as("the old comparison is cleared").isEmpty();
        assertThat(compare(bobsView.grouped())).startsWith("No match");
        assertThat(Fx.call(() -> Fx.<Button>node("markVerified").isDisabled())).isFalse();
        Fx.run(() -> i18n.setLocale(I18n.CHINESE));
        assertThat(Fx.call(() -> Fx.<Label>node("safetyVerified").getText())).startsWith("未标记");

        Fx.run(() -> Fx.<Button>node("markVerified").fire());
        org.awaitility.Awaitility.await().atMost(Fx.TIMEOUT).until(() -> Fx.call(() -> Fx.<Button>node("markVerified").isDisabled()));
        assertThat(marked).containsExactly("bob " + alicesView.digits(), "bob " + withPhone.digits());
    }

    @Test
    void anAlreadyVerifiedContactCannotBeMarkedAgain() throws Exception {
        open(true);

        assertThat(Fx.call(() -> Fx.<Button>node("markVerified").isDisabled())).isTrue();
        assertThat(Fx.call(() -> Fx.<Label>node("safetyVerified").getText())).isEqualTo("bob is verified.");
    }

    private String compare(String text) throws Exception {
        return Fx.call(() -> {
            Fx.<TextField>node("safetyCompare").setText(text);
            return Fx.<Label>node("safetyCompareResult").getText();
        });
    }

    private SafetyNumberDialog dialogOf() {
        return (SafetyNumberDialog) stage.getProperties().get(SafetyNumberDialog.class);
    }

    private void open(boolean verified) throws Exception {
        stage = Fx.call(() -> SafetyNumberDialog.show(null, i18n, "bob", alicesView, verified, (user, number) -> {
            marked.add(user + " " + number.digits());
            return changedTo == null || marked.size() > 1 ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new SafetyNumberChangedException(user, changedTo));
        }));
    }

    private static Bytes key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Bytes.wrapOwned(key);
    }
}
