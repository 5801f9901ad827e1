package org.parley.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises and checks user names: Unicode NFC, 1 to {@value #MAX_UTF8_LENGTH} UTF-8 bytes, no
 * control, format or unpaired surrogate characters.
 *
 * <p>NFC replaces RFC 5802's SASLprep (RFC 4013, built on the withdrawn stringprep): it makes
 * canonically equivalent spellings ("é" precomposed or as e + combining accent) one name, which is
 * what users expect, without stringprep's tables. Names on the wire must already be in NFC, so
 * each name has exactly one encoding.
 *
 * <p><b>Where the name rules live.</b> This class holds the rules every party needs: the wire
 * syntax ({@link #isValid}) and the {@link #canonical} form that decides which spellings name one
 * account, so a client can recognise its own account in the server's {@link AuthSucceeded}. The
 * policy for <em>new</em> names (Unicode confusables, restriction level, invisible characters) is
 * the server's alone and lives in the server (ICU4J); a client learns a refusal from the
 * {@link RegistrationRejection#USERNAME_INVALID} or {@link RegistrationRejection#USERNAME_TAKEN}
 * answer. The wire syntax must stay looser than that policy, so that accounts registered under
 * older, looser rules can still log in.
 */
public final class Usernames {
    /** Maximum length of a user name in UTF-8 bytes. */
    public static final int MAX_UTF8_LENGTH = 64;

    private Usernames() {
    }

    /**
     * Returns the NFC form of {@code raw} after checking it.
     *
     * @throws IllegalArgumentException if the normalised name breaks a rule
     */
    public static String normalise(String raw) {
        String normalised = Normalizer.normalize(raw, Normalizer.Form.NFC);
        requireValid(normalised);
        return normalised;
    }

    /**
     * Checks that {@code name} is already normalised and valid.
     *
     * @throws IllegalArgumentException if it is not; the message does not repeat the name
     */
    public static void requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("user name is empty, too long, not NFC or has a forbidden character");
        }
    }

    /**
     * The canonical form of a valid name: NFKC, then lower case (Locale.ROOT). Two names with the
     * same canonical form are one account: "Alice", "ALICE" and the full-width "Ａｌｉｃｅ".
     */
    public static String canonical(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} is in NFC, 1..64 UTF-8 bytes and free of control/format characters. */
    public static boolean isValid(String name) {
        if (name.isEmpty() || !Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return false;
        }
        boolean printable = name.codePoints().noneMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
        });
        return printable && name.getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_LENGTH;
    }
}
