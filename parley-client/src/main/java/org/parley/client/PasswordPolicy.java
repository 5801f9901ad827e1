package org.parley.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The client-side rules for a new password, shared by both clients and applied by
 * {@link ParleyClient#register} and {@link ParleyClient#changePassword}: at least
 * {@value #MIN_LENGTH} characters (Unicode code points after NFC), not the user name, and not on
 * the shipped list of common passwords ({@code common-passwords.txt}, whose header names its
 * source). The server never sees the password, so it cannot check this itself; a modified client
 * can skip it, which only weakens its own user's account.
 */
public final class PasswordPolicy {
    /** Fewest characters of a new password (NIST SP 800-63B's minimum for chosen passwords). */
    public static final int MIN_LENGTH = 8;
    private static final String LIST = "common-passwords.txt";
    /** The shipped list is a few kilobytes; a longer resource is refused rather than read. */
    private static final int MAX_LIST_ENTRIES = 10_000;

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    /** The policy with the shipped list of common passwords. */
    public static PasswordPolicy standard() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the client library");
            }
            Set<String> entries = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    if (entries.size() == MAX_LIST_ENTRIES) {
                        throw new IllegalStateException(LIST + " has more than " + MAX_LIST_ENTRIES + " entries");
                    }
                    entries.add(fold(entry));
                }
            }
            return new PasswordPolicy(Set.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why {@code password} may not be chosen by {@code user}, or empty when it may. The array is left as it is. */
    public Optional<WeakPasswordException.Reason> check(char[] password, String user) {
        String folded = fold(Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFC));
        if (folded.codePointCount(0, folded.length()) < MIN_LENGTH) {
            return Optional.of(WeakPasswordException.Reason.TOO_SHORT);
        }
        if (user != null && folded.equals(fold(user))) {
            return Optional.of(WeakPasswordException.Reason.SAME_AS_USER);
        }
        if (common.contains(folded)) {
            return Optional.of(WeakPasswordException.Reason.TOO_COMMON);
        }
        return Optional.empty();
    }

    /** {@link #check}, throwing the reason. */
    public void require(char[] password, String user) {
        Optional<WeakPasswordException.Reason> reason = check(password, user);
        if (reason.isPresent()) {
            throw new WeakPasswordException(reason.get());
        }
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
