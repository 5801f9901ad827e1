package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void everyBidiFormattingCharacterIsReplaced() {
        String controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";

        assertThat(DisplayText.safe("a" + controls + "b")).isEqualTo("a" + "\uFFFD".repeat(controls.length()) + "b");
    }

    @Test
    void rightToLeftLettersEmojiAndChineseAreKept() {
        String text = "שלום مرحبا 你好 🎉 é";

        assertThat(DisplayText.safe(text)).isSameAs(text);
    }

    @Test
    void lineBreaksAndTabsAreKeptButOtherControlCharactersAreReplaced() {
        assertThat(DisplayText.safe("one\ntwo\tthree\rfour\u001B[2Jfive\u0085six\u0000"))
                .isEqualTo("one\ntwo\tthree\uFFFDfour\uFFFD[2Jfive\uFFFDsix\uFFFD");
    }
}
