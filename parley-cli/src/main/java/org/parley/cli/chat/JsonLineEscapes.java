package org.parley.cli.chat;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON's own escapes, plus U+0085 (NEL), U+2028 and U+2029 (line and paragraph separators)
 * written as backslash-u escapes. JSON allows them raw inside a string, but Python's {@code str.splitlines()},
 * JavaScript before ES2019 and many log tools end a line at them, so another user's message or
 * name holding one could make a {@code --json} reader see a second, forged event. Escaped, every
 * event is one line for every reader, and its decoded text is unchanged.
 */
final class JsonLineEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case 0x85, 0x2028, 0x2029 -> new SerializedString(String.format("\\u%04x", ch));
            default -> null;
        };
    }
}
