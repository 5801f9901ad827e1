package org.parley.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds mentions of a user ({@code @name}) in message text, for both clients to highlight and
 * notify. A mention is {@code @} followed by the name, ignoring case, where the {@code @} does not
 * follow a letter or digit (so an e-mail address is not a mention) and the name is not followed by
 * a letter, digit, {@code _}, {@code -} or {@code .} (so {@code @ann} does not mention {@code an}).
 */
public final class Mentions {
    private Mentions() {
    }

    /** A mention found in a text: {@code start} inclusive (the {@code @}), {@code end} exclusive. */
    public record Span(int start, int end) {
    }

    /** Whether {@code text} mentions {@code user}; never true for an empty user name. */
    public static boolean mentions(String text, String user) {
        return !find(text, user).isEmpty();
    }

    /** Every mention of {@code user} in {@code text}, in order. */
    public static List<Span> find(String text, String user) {
        List<Span> spans = new ArrayList<>();
        if (user == null || user.isEmpty() || text == null) {
            return spans;
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = "@" + user.toLowerCase(Locale.ROOT);
        if (haystack.length() != text.length()) {
            // Lower-casing changed lengths (rare letters): compare region by region instead.
            return regionMatches(text, user);
        }
        int from = 0;
        int at;
        while ((at = haystack.indexOf(needle, from)) >= 0) {
            int end = at + needle.length();
            if (boundaryBefore(text, at) && boundaryAfter(text, end)) {
                spans.add(new Span(at, end));
            }
            from = at + 1;
        }
        return spans;
    }

    private static List<Span> regionMatches(String text, String user) {
        List<Span> spans = new ArrayList<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int end = at + 1 + user.length();
            if (text.regionMatches(true, at + 1, user, 0, user.length()) && boundaryBefore(text, at) && boundaryAfter(text, end)) {
                spans.add(new Span(at, end));
            }
        }
        return spans;
    }

    private static boolean boundaryBefore(String text, int at) {
        return at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at));
    }

    private static boolean boundaryAfter(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        int next = text.codePointAt(end);
        return !(Character.isLetterOrDigit(next) || next == '_' || next == '-' || next == '.' && end + 1 < text.length()
                && Character.isLetterOrDigit(text.codePointAt(end + 1)));
    }
}
