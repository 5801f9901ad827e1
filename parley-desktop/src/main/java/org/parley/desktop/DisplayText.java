package org.parley.desktop;

import org.parley.client.UntrustedText;

/**
 * Makes text other users chose (message bodies, topics, kick and ban reasons, server notices) safe
 * to lay out in the window.
 *
 * <p><b>Security.</b> JavaFX lays out a message's text and its links as one bidirectional
 * paragraph, so a bidi formatting character in a body reorders what follows it: a right-to-left
 * override before {@code https://example.org/gpj.exe} shows {@code exe.jpg/gro.elpmaxe//:sptth}
 * reversed, a link's visible text no longer reads as the address it opens, and a topic can make
 * the conversation header read differently from what it says. As in the terminal client, every
 * bidirectional formatting character is replaced with U+FFFD: the embeddings and overrides
 * (U+202A..U+202E), the isolates (U+2066..U+2069) and the invisible marks (U+200E LEFT-TO-RIGHT,
 * U+200F RIGHT-TO-LEFT, U+061C ARABIC LETTER MARK). Right-to-left letters themselves (Arabic,
 * Hebrew) are untouched and still shown right to left by the Unicode algorithm. Control characters
 * other than a line break and a tab are replaced too (a carriage return would otherwise break a line
 * where the sender chose, a backspace or escape shows as a box).
 */
final class DisplayText {
    private DisplayText() {
    }

    /** {@code text} with every bidi formatting character and control character but {@code \n} and {@code \t} replaced. */
    static String safe(String text) {
        return UntrustedText.map(text, c -> (Character.isISOControl(c) && c != '\n' && c != '\t')
                || UntrustedText.isBidiFormatting(c) ? UntrustedText.REPLACEMENT : c);
    }
}
