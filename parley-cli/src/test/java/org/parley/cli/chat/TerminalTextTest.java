package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void escapeSequencesAndBidiOverridesAreNeutralised() {
        String hostile = "hi\u001b[2J\u001b]0;owned\u0007 \u202Egnp.exe\u009b";

        String shown = TerminalText.safe(hostile);

        assertThat(shown).doesNotContain("\u001b", "\u0007", "\u202E", "\u009b").contains("[2J", "gnp.exe");
    }

    @Test
    void invisibleDirectionMarksInNamesAndMessagesAreNeutralised() {
        String name = "alice\u200F\u200E\u061C";

        String shown = TerminalText.safe(name);

        assertThat(shown).isEqualTo("alice\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void ordinaryTextIncludingChineseAndEmojiIsUnchanged() {
        String text = "你好 😀 café\ttab";

        assertThat(TerminalText.safe(text)).isEqualTo("你好 😀 café tab");
    }
}
