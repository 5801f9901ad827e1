package org.parley.server.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The names of issue 11 section 2, each accepted before the Unicode security rules. */
class NameRulesConfusablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice\u034F", "alice\uFE0F", "alice\u180B", "alice\u17B4", "al\u3164ice"})
    void aNameFollowedByAnInvisibleCharacterIsRefused(String name) {
        assertThatThrownBy(() -> NameRules.displayForm(name, NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("invisible");
    }

    @Test
    void theLobbyFollowedByAGraphemeJoinerIsRefusedAsARoomName() {
        assertThatThrownBy(() -> NameRules.displayForm("Lobby\u034F", NameKind.ROOM))
                .isInstanceOf(InvalidNameException.class).hasMessage(
                        "room name must not contain invisible characters (zero-width, joiners, variation selectors,"
                                + " fillers or direction overrides)");
    }

    @Test
    void aBlankBrailleCharacterInsideANameIsRefused() {
        assertThatThrownBy(() -> NameRules.displayForm("al\u2800ice", NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("no other blank characters");
    }

    @Test
    void anAllCyrillicNameThatReadsAsLatinIsRefused() {
        assertThatThrownBy(() -> NameRules.displayForm("\u0430\u04CF\u0456\u0441\u0435", NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("would pass for a Latin name");
    }

    @Test
    void latinMixedWithArmenianIsRefusedByTheRestrictionLevel() {
        assertThatThrownBy(() -> NameRules.displayForm("b\u0585b", NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("scripts that do not go together");
    }

    @Test
    void thePhoneticLetterAlphaIsNotRecommendedForNames() {
        assertThatThrownBy(() -> NameRules.displayForm("\u0251lice", NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("not recommended");
    }

    @Test
    void digitsOfTwoNumberSystemsAreRefused() {
        assertThatThrownBy(() -> NameRules.displayForm("\u0661 1", NameKind.ROOM))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("number systems");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aIice", "a1ice", "\u0251lice", "\u0430\u04CF\u0456\u0441\u0435", "alice\u034F"})
    void lookAlikesOfAliceShareHerConfusableKey(String name) {
        assertThat(NameRules.confusableKey(name)).isEqualTo(NameRules.confusableKey("alice"));
    }

    @Test
    void theLobbyWithAnInvisibleCharacterHasTheLobbysKey() {
        assertThat(NameRules.confusableKey("Lobby\u034F")).isEqualTo(NameRules.confusableKey("lobby"));
    }

    @Test
    void bobWithAnArmenianOHasBobsKey() {
        assertThat(NameRules.confusableKey("b\u0585b")).isEqualTo(NameRules.confusableKey("bob"));
    }

    @Test
    void differentNamesHaveDifferentKeys() {
        assertThat(NameRules.confusableKey("alice")).isNotEqualTo(NameRules.confusableKey("alicia"));
        assertThat(NameRules.confusableKey("张伟")).isNotEqualTo(NameRules.confusableKey("李小龙"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"张伟", "李小龙", "学习小组 2", "田中さん", "김민수", "Иван", "José", "x_y-z.1", "Ann 张"})
    void namesInOneScriptOrAnAllowedCombinationStillWork(String name) throws Exception {
        assertThat(NameRules.displayForm(name, NameKind.USER)).isEqualTo(name);
    }

    @Test
    void existingNamesThatBreakTheNewRulesCanStillBeLookedUp() throws Exception {
        assertThat(NameRules.canonicalOf("\u0430\u04CF\u0456\u0441\u0435", NameKind.USER))
                .isEqualTo("\u0430\u04CF\u0456\u0441\u0435");
        assertThat(NameRules.canonicalOf("Lobby\u034F", NameKind.ROOM)).isEqualTo("lobby\u034F");
    }

    @Test
    void lookUpStillRefusesWhatNoNameCanContain() {
        assertThatThrownBy(() -> NameRules.canonicalOf("a\u202Eb", NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("format");
    }
}
