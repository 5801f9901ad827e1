package org.parley.server.names;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.parley.protocol.auth.Usernames;

/**
 * The rules for user and room names: which new names are accepted, the canonical form that decides
 * which spellings are one name, and the look-alike key that keeps two names from passing for each
 * other.
 *
 * <p>A name is shown and stored in NFC. Two names are the same account or room when their
 * canonical forms ({@link Usernames#canonical}: NFKC, then lower case, Locale.ROOT) are equal, so
 * "Alice", "ALICE" and the full-width "Ａｌｉｃｅ" are one name. Two names are confusable when their
 * {@link #confusableKey}s (UTS #39 skeletons) are equal: the store refuses a new name that is
 * confusable with an existing one, so "aIice" (capital i), "a1ice", "ɑlice" or "аӏісе" cannot be
 * registered next to "alice". Chinese, Japanese, Korean, Cyrillic... names are all allowed.
 *
 * <p><b>Security.</b> {@link #displayForm} applies the whole policy to a new name: length 1..64
 * UTF-8 bytes, no leading or trailing blank, the per-character rules of {@code NameCharacters}
 * (no control, invisible, default-ignorable or blank character, only letters that UTS #39
 * recommends for identifiers) and the script rules of {@code Confusables} (UTS #39 "highly
 * restrictive" level, no whole-script look-alike of a Latin name). {@link #canonicalOf} is for
 * looking up a name that may already exist: it checks only the wire syntax, so accounts and rooms
 * named under older, looser rules stay reachable (the operator lists them with
 * {@code parley users confusables}).
 *
 * <p>Where UTS #46 (IDNA mapping) fits: its mapping step (NFKC with case folding) is what the
 * canonical form does, with lower-casing instead of full case folding so that the keys of existing
 * accounts never change; its ignored characters (default ignorables) are refused instead of being
 * silently removed, so that a name with an invisible character is an error, not an alias.
 */
public final class NameRules {
    /** Longest name in UTF-8 bytes (the wire limit for user and room names). */
    public static final int MAX_UTF8_BYTES = 64;

    private NameRules() {
    }

    /**
     * Checks a new name {@code raw} against the whole policy and returns its display form (NFC).
     *
     * @throws InvalidNameException with a message naming the broken rule
     */
    public static String displayForm(String raw, NameKind kind) throws InvalidNameException {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        String what = kind.label();
        checkLength(name, what);
        if (isBlank(name.codePointAt(0)) || isBlank(name.codePointBefore(name.length()))) {
            throw new InvalidNameException(what + " must not start or end with a space");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            NameCharacters.check(cp, what);
            i += Character.charCount(cp);
        }
        Confusables.check(name, what);
        return name;
    }

    /** The uniqueness key of a name: NFKC, then lower case ({@link Usernames#canonical}). */
    public static String canonical(String name) {
        return Usernames.canonical(name);
    }

    /**
     * The canonical form of a name typed to look up an account or room that may exist: checks the
     * wire syntax only (NFC, 1..64 bytes, no control, format, unassigned or separator character),
     * not the policy for new names.
     *
     * @throws InvalidNameException if the name could not be any account's or room's name
     */
    public static String canonicalOf(String raw, NameKind kind) throws InvalidNameException {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        checkLength(name, kind.label());
        if (!Usernames.isValid(name)) {
            throw new InvalidNameException(kind.label() + " contains a control, format or unassigned character");
        }
        return canonical(name);
    }

    /**
     * The look-alike key of a name: names with equal keys are confusable and cannot both be new.
     * The UTS #39 skeleton, case-insensitive (see {@code Confusables.key}); stored, indexed, with
     * each account and room.
     */
    public static String confusableKey(String name) {
        return Confusables.key(Normalizer.normalize(name, Normalizer.Form.NFC));
    }

    private static void checkLength(String name, String what) throws InvalidNameException {
        if (name.isEmpty()) {
            throw new InvalidNameException(what + " must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new InvalidNameException(what + " must be at most " + MAX_UTF8_BYTES + " bytes in UTF-8");
        }
    }

    private static boolean isBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
