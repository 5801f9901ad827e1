package org.parley.server.names;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;
import java.util.Locale;

/**
 * The script and look-alike part of the rules for names, through ICU4J's {@link SpoofChecker}
 * (Unicode UTS #39, "Unicode Security Mechanisms", with ICU's confusables data).
 *
 * <p><b>Security.</b>
 * <ul>
 *   <li><b>Restriction level: highly restrictive</b> (UTS #39 section 5.2). A name is written in
 *       one script, or Latin with Han and Japanese kana, Latin with Han and Bopomofo, or Latin
 *       with Han and Hangul; Common characters (digits, punctuation, spaces) go with any. This
 *       refuses Latin mixed with Cyrillic, Greek, Armenian ("bօb") or any other script. The
 *       weaker "moderately restrictive" level would let Latin mix with Armenian, Cherokee and
 *       others whose letters copy Latin ones, so it is not used.</li>
 *   <li>Mixed number systems ("1" with Arabic-Indic "١"), combining dots hidden over "i" or "j",
 *       and repeated combining marks (UTS #39 section 5.4) are refused.</li>
 *   <li><b>Whole-script confusables with Latin</b> (UTS #39 section 4): a name with no Latin
 *       letter whose every letter has a Latin look-alike ("аӏісе", all Cyrillic) is refused, since
 *       it reads as a Latin name. The cost: a few real names written entirely in such letters
 *       (Russian "Вера" reads as "Bepa") must be written differently.</li>
 *   <li>{@link #key}: the confusable skeleton that decides whether two names look alike.</li>
 * </ul>
 */
final class Confusables {
    private static final SpoofChecker CHECKER = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.HIDDEN_OVERLAY
                    | SpoofChecker.INVISIBLE)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            // Which characters may appear at all is NameCharacters' job, with clearer messages;
            // here every code point is allowed so that only the script rules above decide.
            .setAllowedChars(UnicodeSet.ALL_CODE_POINTS)
            .build();

    private Confusables() {
    }

    /** Refuses mixed scripts, mixed number systems, hidden overlays and whole-script confusables. */
    static void check(String name, String what) throws InvalidNameException {
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (CHECKER.failsChecks(name, result)) {
            if ((result.checks & SpoofChecker.RESTRICTION_LEVEL) != 0) {
                throw new InvalidNameException(what + " mixes letters of scripts that do not go together"
                        + " (such as Latin with Cyrillic, Greek or Armenian)");
            }
            if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
                throw new InvalidNameException(what + " mixes digits of different number systems");
            }
            throw new InvalidNameException(what + " contains combining marks that hide or repeat a character");
        }
        if (wholeScriptLatinLookalike(name)) {
            throw new InvalidNameException(what + " is written entirely in letters that look like Latin letters;"
                    + " it would pass for a Latin name");
        }
    }

    /**
     * The look-alike key: two names with the same key are confusable. It is the UTS #39 skeleton,
     * made case-insensitive like the canonical form: skeleton(lower case(skeleton(name))).
     * Lower-casing after the first skeleton keeps "aIice" (capital i) confusable with "alice",
     * which lower-casing first would turn into "aiice"; the second skeleton maps the lower-cased
     * result again. Default-ignorable characters vanish from a skeleton.
     *
     * <p>The key depends on ICU's confusables data: it can change when ICU4J is upgraded, so the
     * store recomputes stored keys when it opens.
     */
    static String key(String name) {
        String skeleton = CHECKER.getSkeleton(name);
        return CHECKER.getSkeleton(UCharacter.toLowerCase(Locale.ROOT, skeleton));
    }

    private static boolean wholeScriptLatinLookalike(String name) {
        if (name.codePoints().noneMatch(Character::isLetter)
                || name.codePoints().anyMatch(cp -> Character.isLetter(cp) && UScript.getScript(cp) == UScript.LATIN)) {
            return false;
        }
        return CHECKER.getSkeleton(name).codePoints().filter(Character::isLetter)
                .allMatch(cp -> UScript.getScript(cp) == UScript.LATIN);
    }
}
