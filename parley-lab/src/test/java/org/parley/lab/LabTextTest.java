package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Both languages say everything the lab narrates, and the scoreboard reports what it is given. */
class LabTextTest {
    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(LabText.BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Test
    void englishAndChineseHaveTheSameKeys() {
        assertThat(bundle(Locale.SIMPLIFIED_CHINESE).keySet()).isEqualTo(bundle(Locale.ROOT).keySet());
    }

    @Test
    void everyScenarioHasADescriptionInBothLanguages() {
        for (Scenario s : Lab.standard().scenarios()) {
            assertThat(LabText.forLocale(Locale.ENGLISH).has("scenario." + s.name())).as(s.name()).isTrue();
            assertThat(LabText.forLocale(Locale.SIMPLIFIED_CHINESE).has("scenario." + s.name())).as(s.name()).isTrue();
        }
    }

    @Test
    void scenarioNamesAreUnique() {
        List<String> names = Lab.standard().scenarios().stream().map(Scenario::name).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void theScoreboardCountsVerdictsThatDifferFromTheExpectedOnes() {
        ScenarioResult asExpected = new ScenarioResult("drop", Variant.PARLEY, Verdict.DEFEATED,
                Optional.of(Outcome.defeated(new Check("bad_record(20)", "10.2", "RecordReader"))), Optional.empty(), List.of(), List.of());
        ScenarioResult surprising = new ScenarioResult("reorder", Variant.PARLEY, Verdict.DEFEATED,
                Optional.of(Outcome.succeeded()), Optional.empty(), List.of(), List.of());
        List<String> board = LabText.forLocale(Locale.ENGLISH).scoreboard(List.of(asExpected, surprising));
        assertThat(board.getLast()).isEqualTo("1 of 2 verdicts as expected");
        assertThat(board.get(1)).contains("drop", "bad_record(20)", "RecordReader", "✔");
        assertThat(board.get(2)).contains("reorder", "succeeded", "✘");
    }

    @Test
    void aLabErrorIsNeverAnExpectedVerdict() {
        ScenarioResult broken = new ScenarioResult("drop", Variant.PARLEY, Verdict.DEFEATED, Optional.empty(),
                Optional.of("IOException: refused"), List.of(), List.of());
        assertThat(broken.asExpected()).isFalse();
        assertThat(LabText.forLocale(Locale.SIMPLIFIED_CHINESE).narrate(broken)).anyMatch(l -> l.contains("IOException"));
    }

    @Test
    void observationsThatAreNotAlertsAreTranslatedAndAlertsStayAsTheSpecWritesThem() {
        LabText chinese = LabText.forLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese.observed("ciphertext-only")).isEqualTo("只有密文");
        assertThat(LabText.forLocale(Locale.ENGLISH).observed("ciphertext-only")).isEqualTo("ciphertext only");
        assertThat(chinese.observed("bad_record(20)")).isEqualTo("bad_record(20)");
    }
}
