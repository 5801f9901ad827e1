package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mention note's preview of the message text. */
class MentionToastTest {

    @Test
    void aShortMessageIsShownWhole() {
        assertThat(MentionToast.preview("@alice lunch? 🍜")).isEqualTo("@alice lunch? 🍜");
    }

    @Test
    void aLongMessageCutWhereAnEmojiStartsKeepsNoHalfOfIt() {
        String text = "@alice " + "x".repeat(72) + "😀 and more";

        String preview = MentionToast.preview(text);

        assertThat(preview).endsWith("…");
        assertThat(preview.codePoints().filter(cp -> cp < 0x10000 && Character.isSurrogate((char) cp)).count()).as("lone surrogates").isZero();
        assertThat(text).startsWith(preview.substring(0, preview.length() - 1));
    }
}
