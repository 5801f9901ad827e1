package org.parley.protocol.auth;

import java.util.List;
import java.util.Locale;
import org.parley.protocol.identity.Fingerprint;

/**
 * Names a login key by its fingerprint ({@link Fingerprint#of}, as {@code parley keygen} prints it)
 * and finds one in a list by a fingerprint or an unambiguous prefix of it: case, spaces and the
 * {@code SHA256:} prefix do not matter; at least {@value #MIN_PREFIX} hex digits are required.
 * Shared by the terminal, the desktop and the operator command.
 */
public final class LoginKeyFingerprints {
    /** Hex digits of a fingerprint prefix at least, so that a typo does not pick some other key. */
    public static final int MIN_PREFIX = 8;

    private LoginKeyFingerprints() {
    }

    public static Fingerprint of(RegisteredPublicKey key) {
        return Fingerprint.of(key.algorithm(), key.publicKey());
    }

    /**
     * The one key of {@code keys} whose fingerprint starts with {@code text}.
     *
     * @throws IllegalArgumentException with a sentence for people when no key or more than one matches
     */
    public static RegisteredPublicKey find(List<RegisteredPublicKey> keys, String text) {
        String wanted = compact(text);
        if (wanted.length() < MIN_PREFIX || !wanted.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("give the key's fingerprint (at least " + MIN_PREFIX + " hex digits)");
        }
        List<RegisteredPublicKey> matches = keys.stream().filter(k -> compact(of(k).toString()).startsWith(wanted)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "no login key has that fingerprint"
                    : "more than one login key starts with that fingerprint; give more of it");
        }
        return matches.getFirst();
    }

    private static String compact(String fingerprint) {
        String lower = fingerprint.toLowerCase(Locale.ROOT).replace(" ", "").replace(":", "");
        return lower.startsWith("sha256") ? lower.substring("sha256".length()) : lower;
    }
}
