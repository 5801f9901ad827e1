package org.parley.server.names;

import java.lang.Character.UnicodeScript;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Validates user and room names and computes the canonical form that decides uniqueness.
 *
 * <p>A name is shown and stored in NFC; two names are the same account or room when their
 * canonical forms, NFKC then lower case (Locale.ROOT), are equal, so "Alice", "ALICE" and the
 * full-width "Ａｌｉｃｅ" are one name. Chinese, Japanese, Cyrillic... names are all allowed.
 *
 * <p><b>Security.</b> Rejected, because they let one name pass for another: control and format
 * characters (this covers bidi overrides such as U+202E and zero-width characters such as U+200B
 * and U+FEFF), unassigned code points, line separators, whitespace other than an inner ASCII space,
 * leading or trailing whitespace, and names mixing Latin with Cyrillic or Greek letters (the
 * classic "pаypal" with a Cyrillic "а"). Length is 1..64 UTF-8 bytes.
 */
public final class NameRules {
    /** Longest name in UTF-8 bytes (the wire limit for user and room names). */
    public static final int MAX_UTF8_BYTES = 64;
    private static final Set<UnicodeScript> LATIN_LOOKALIKES = EnumSet.of(UnicodeScript.CYRILLIC, UnicodeScript.GREEK);

    private NameRules() {
    }

    /**
     * Checks {@code raw} and returns its display form (NFC).
     *
     * @throws InvalidNameException with a message naming the broken rule
     */
    public static String displayForm(String raw, NameKind kind) throws InvalidNameException {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        String what = kind.label();
        if (name.isEmpty()) {
            throw new InvalidNameException(what + " must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new InvalidNameException(what + " must be at most " + MAX_UTF8_BYTES + " bytes in UTF-8");
        }
        if (Character.isWhitespace(name.codePointAt(0)) || Character.isWhitespace(name.codePointBefore(name.length()))
                || Character.isSpaceChar(name.codePointAt(0)) || Character.isSpaceChar(name.codePointBefore(name.length()))) {
            throw new InvalidNameException(what + " must not start or end with a space");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            checkCharacter(cp, what);
            i += Character.charCount(cp);
        }
        checkScripts(name, what);
        return name;
    }

    /** The uniqueness key of an already valid name: NFKC, then lower case. */
    public static String canonical(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Convenience: validate, then canonicalise. */
    public static String canonicalOf(String raw, NameKind kind) throws InvalidNameException {
        return canonical(displayForm(raw, kind));
    }

    private static void checkCharacter(int cp, String what) throws InvalidNameException {
        int type = Character.getType(cp);
        switch (type) {
            case Character.CONTROL -> throw new InvalidNameException(what + " must not contain control characters");
            case Character.FORMAT -> throw new InvalidNameException(
                    what + " must not contain invisible formatting characters (zero-width or direction overrides)");
            case Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE ->
                    throw new InvalidNameException(what + " contains a character that is not an assigned, visible character");
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                    throw new InvalidNameException(what + " must not contain line breaks");
            default -> {
                if (cp != ' ' && (Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                    throw new InvalidNameException(what + " may contain ordinary spaces only, no other blank characters");
                }
                if (cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0) {
                    throw new InvalidNameException(what + " must not contain blank filler characters");
                }
            }
        }
    }

    private static void checkScripts(String name, String what) throws InvalidNameException {
        boolean latin = false;
        boolean lookalike = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.isLetter(cp)) {
                UnicodeScript script = UnicodeScript.of(cp);
                latin |= script == UnicodeScript.LATIN;
                lookalike |= LATIN_LOOKALIKES.contains(script);
            }
            i += Character.charCount(cp);
        }
        if (latin && lookalike) {
            throw new InvalidNameException(what + " mixes Latin letters with Cyrillic or Greek look-alikes");
        }
    }
}
