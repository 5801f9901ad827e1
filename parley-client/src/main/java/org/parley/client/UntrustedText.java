package org.parley.client;

/**
 * What every user interface does to text other users chose (message bodies, topics, reasons)
 * before showing it: characters that could change how the rest is read are replaced, one character
 * for one, so the text keeps its length and nothing is hidden.
 *
 * <p><b>Security.</b> The bidirectional formatting characters ({@link #isBidiFormatting}) reorder
 * the neighbouring text: a right-to-left override makes a link or a name read backwards. Each user
 * interface adds the control characters its own output cannot take (the terminal all of them, the
 * desktop all but line breaks and tabs).
 */
public final class UntrustedText {
    /** What a refused character is shown as. */
    public static final char REPLACEMENT = '\uFFFD';

    private UntrustedText() {
    }

    /** How one character is shown. */
    @FunctionalInterface
    public interface Shown {
        char of(char c);
    }

    /**
     * The bidirectional formatting characters: the embeddings and overrides (U+202A..U+202E), the
     * isolates (U+2066..U+2069) and the invisible marks (U+200E LEFT-TO-RIGHT, U+200F RIGHT-TO-LEFT,
     * U+061C ARABIC LETTER MARK). Right-to-left letters themselves are not among them.
     */
    public static boolean isBidiFormatting(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\u061C'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** {@code text} with every character replaced by what {@code shown} makes of it; {@code text} itself when none changes. */
    public static String map(String text, Shown shown) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = shown.of(c);
            if (replacement != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement);
            }
        }
        return out == null ? text : out.toString();
    }
}
