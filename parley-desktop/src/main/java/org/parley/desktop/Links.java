package org.parley.desktop;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits message text into plain runs and web links, so the conversation pane can make the links
 * clickable.
 *
 * <p><b>Security.</b> Only {@code http} and {@code https} URLs with a host become links; anything
 * else ({@code file:}, {@code javascript:}, custom schemes that would start local programs) stays
 * plain text. A link's visible text is exactly the URL that opens, so a sender cannot show one
 * address and open another. At most {@link #MAX_LINKS} links per message are made clickable, so a
 * message full of URLs cannot make the pane build thousands of controls.
 */
final class Links {
    /** Links made clickable per message; the rest stays plain text. */
    static final int MAX_LINKS = 50;

    private static final Pattern CANDIDATE = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]+");
    /** Punctuation that ends a sentence rather than a URL ("see https://example.org."). */
    private static final String TRAILING = ".,;:!?'\"。，；：！？、…";

    private Links() {
    }

    /** One run of message text: plain, or a link whose text is its URL. */
    record Segment(String text, boolean link) {
        /** Shows the length only: the text is part of a message. */
        @Override
        public String toString() {
            return "Segment[" + (link ? "link, " : "") + text.length() + " chars]";
        }
    }

    /** The segments of {@code text} in order; joining their texts gives back {@code text}. */
    static List<Segment> split(String text) {
        List<Segment> segments = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        int plainFrom = 0;
        int links = 0;
        while (links < MAX_LINKS && matcher.find()) {
            String url = trimTrailing(matcher.group());
            if (!isWebLink(url)) {
                continue;
            }
            int start = matcher.start();
            if (start > plainFrom) {
                segments.add(new Segment(text.substring(plainFrom, start), false));
            }
            segments.add(new Segment(url, true));
            plainFrom = start + url.length();
            links++;
        }
        if (plainFrom < text.length()) {
            segments.add(new Segment(text.substring(plainFrom), false));
        }
        return segments;
    }

    /** Whether {@code url} is an absolute http(s) URL with a host (an internationalised one too). */
    static boolean isWebLink(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return false;
            }
            if (uri.getHost() != null) {
                return true;
            }
            // java.net.URI only parses ASCII host names; check an internationalised one through IDNA.
            String authority = uri.getAuthority();
            if (authority == null) {
                return false;
            }
            String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":[0-9]*$", "");
            return !host.isEmpty() && !IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).isEmpty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Drops sentence punctuation and unbalanced closing brackets from the end of a candidate. */
    private static String trimTrailing(String candidate) {
        String url = candidate;
        while (!url.isEmpty()) {
            char last = url.charAt(url.length() - 1);
            boolean punctuation = TRAILING.indexOf(last) >= 0;
            boolean unbalanced = last == ')' && count(url, '(') < count(url, ')')
                    || last == ']' && count(url, '[') < count(url, ']')
                    || last == '）' || last == '」' || last == '』';
            if (!punctuation && !unbalanced) {
                break;
            }
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }
}
