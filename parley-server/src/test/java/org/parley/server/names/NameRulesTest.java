package org.parley.server.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {

    @Test
    void acceptsChineseNames() throws Exception {
        assertThat(NameRules.displayForm("张伟", NameKind.USER)).isEqualTo("张伟");
        assertThat(NameRules.displayForm("学习小组 2", NameKind.ROOM)).isEqualTo("学习小组 2");
    }

    @Test
    void caseAndWidthVariantsShareOneCanonicalForm() throws Exception {
        String canonical = NameRules.canonicalOf("Alice", NameKind.USER);
        assertThat(NameRules.canonicalOf("ALICE", NameKind.USER)).isEqualTo(canonical);
        assertThat(NameRules.canonicalOf("Ａｌｉｃｅ", NameKind.USER)).isEqualTo(canonical);
        assertThat(canonical).isEqualTo("alice");
    }

    @Test
    void storesTheNfcForm() throws Exception {
        assertThat(NameRules.displayForm("Jose\u0301", NameKind.USER)).isEqualTo("José");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\u0430ypal", "\u0391lice", "admin\u0456"})
    void rejectsLatinMixedWithCyrillicOrGreek(String name) {
        assertThatThrownBy(() -> NameRules.displayForm(name, NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("scripts that do not go together");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ev\u202Eil", "a\u200Bb", "\uFEFFbob", "bo\u200Db"})
    void rejectsInvisibleFormattingCharacters(String name) {
        assertThatThrownBy(() -> NameRules.displayForm(name, NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("invisible");
    }

    @ParameterizedTest
    @ValueSource(strings = {"al\u0007ice", "tab\tname", "line\nbreak"})
    void rejectsControlCharacters(String name) {
        assertThatThrownBy(() -> NameRules.displayForm(name, NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("control");
    }

    @ParameterizedTest
    @ValueSource(strings = {" alice", "alice ", "\u3000alice"})
    void rejectsSpacesAtTheEnds(String name) {
        assertThatThrownBy(() -> NameRules.displayForm(name, NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("start or end");
    }

    @Test
    void rejectsEmptyAndOverlongNames() {
        assertThatThrownBy(() -> NameRules.displayForm("", NameKind.ROOM))
                .isInstanceOf(InvalidNameException.class).hasMessage("room name must not be empty");
        assertThatThrownBy(() -> NameRules.displayForm("张".repeat(22), NameKind.USER))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("64 bytes");
    }

    @Test
    void acceptsNamesAtTheLengthLimit() throws Exception {
        assertThat(NameRules.displayForm("a".repeat(64), NameKind.USER)).hasSize(64);
        assertThat(NameRules.displayForm("张".repeat(21), NameKind.USER)).hasSize(21);
    }
}
