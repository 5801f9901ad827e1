package org.parley.lab.insecure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.lab.Trace;
import org.parley.lab.Verdict;

/**
 * The no-MAC variant's bit flip succeeds only when the receiver shows the attacker's chosen text
 * (docs/LAB.md), not whenever the text changed: a garbled text, as CBC gives in the exercise, is not
 * the forged one.
 */
class InsecureNoMacVerdictTest {
    @Test
    void theReceiverShowingTheForgedTextIsTheAttackSucceeding() {
        assertThat(InsecureNoMacRecords.bitFlip(new Trace()).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aGarbledTextTheAttackerDidNotChooseIsNotASuccess() {
        String garbled = "\u00bf\u0003q" + InsecureNoMacRecords.FORGED.substring(3);

        assertThatThrownBy(() -> InsecureNoMacRecords.verdict(garbled)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither the sent text nor the forged");
    }

    @Test
    void theSentTextShownUnchangedIsTheAttackDefeated() {
        assertThat(InsecureNoMacRecords.verdict(InsecureNoMacRecords.SENT).verdict()).isEqualTo(Verdict.DEFEATED);
    }
}
