package org.parley.server.names;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;

/**
 * The per-character part of the rules for new names: which code points may appear at all.
 *
 * <p><b>Security.</b> Refused, each with its own message:
 * <ul>
 *   <li>control characters and line or paragraph separators;</li>
 *   <li>invisible characters: format characters (bidi overrides, zero-width characters) and every
 *       Default_Ignorable_Code_Point (U+034F COMBINING GRAPHEME JOINER, variation selectors such
 *       as U+FE0F, Mongolian free variation selectors such as U+180B, Khmer U+17B4/U+17B5,
 *       Hangul fillers...), which render as nothing and would let "alice" + U+034F pass for
 *       "alice";</li>
 *   <li>blank characters other than an inner ASCII space, including U+2800 BRAILLE PATTERN BLANK;</li>
 *   <li>unassigned, private-use and surrogate code points;</li>
 *   <li>letters, marks and digits that UTS #39 does not recommend for identifiers
 *       ({@link SpoofChecker#RECOMMENDED} and {@link SpoofChecker#INCLUSION}): for example the
 *       IPA letter "ɑ" (U+0251), mathematical and full-width letters, historic scripts;</li>
 *   <li>punctuation and symbols outside the Common script (such as Braille patterns).</li>
 * </ul>
 */
final class NameCharacters {
    private static final int BRAILLE_BLANK = 0x2800;
    private static final UnicodeSet IDENTIFIER_CHARACTERS =
            new UnicodeSet(SpoofChecker.RECOMMENDED).addAll(SpoofChecker.INCLUSION).freeze();

    private NameCharacters() {
    }

    static void check(int cp, String what) throws InvalidNameException {
        int type = Character.getType(cp);
        if (type == Character.CONTROL) {
            throw new InvalidNameException(what + " must not contain control characters");
        }
        if (type == Character.FORMAT || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            throw new InvalidNameException(what + " must not contain invisible characters"
                    + " (zero-width, joiners, variation selectors, fillers or direction overrides)");
        }
        if (type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
            throw new InvalidNameException(what + " contains a character that is not an assigned, visible character");
        }
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            throw new InvalidNameException(what + " must not contain line breaks");
        }
        if (cp != ' ' && (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == BRAILLE_BLANK)) {
            throw new InvalidNameException(what + " may contain ordinary spaces only, no other blank characters");
        }
        if (cp == ' ') {
            return;
        }
        if (Character.isLetter(cp) || isMark(type) || type == Character.DECIMAL_DIGIT_NUMBER) {
            if (!IDENTIFIER_CHARACTERS.contains(cp)) {
                throw new InvalidNameException(what + " contains a letter, mark or digit that is not recommended"
                        + " for names (Unicode UTS #39), such as phonetic, mathematical, full-width or historic letters");
            }
            return;
        }
        int script = UScript.getScript(cp);
        if (script != UScript.COMMON && script != UScript.INHERITED) {
            throw new InvalidNameException(what + " contains a symbol of the " + UScript.getName(script)
                    + " script; only common punctuation and symbols are allowed besides letters and digits");
        }
    }

    private static boolean isMark(int type) {
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
