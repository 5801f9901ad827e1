package org.parley.cli.chat;

import org.parley.client.UntrustedText;

/**
 * Makes text from the server safe to print on a terminal.
 *
 * <p><b>Security.</b> Other users choose message text, topics and kick reasons; printed raw, an
 * escape sequence in them could move the cursor, rewrite earlier lines (faking a message or a
 * fingerprint), change the window title or, on some terminals, answer back. Control characters
 * (C0, DEL, C1) and every bidirectional formatting character are replaced with U+FFFD: the
 * embeddings and overrides (U+202A..U+202E), the isolates (U+2066..U+2069) and the invisible
 * marks (U+200E LEFT-TO-RIGHT, U+200F RIGHT-TO-LEFT, U+061C ARABIC LETTER MARK), which can reorder
 * the neighbouring text of a name or message. A tab becomes a space.
 */
final class TerminalText {
    private TerminalText() {
    }

    static String safe(String text) {
        return UntrustedText.map(text, c -> c == '\t' ? ' '
                : Character.isISOControl(c) || UntrustedText.isBidiFormatting(c) ? UntrustedText.REPLACEMENT : c);
    }
}
