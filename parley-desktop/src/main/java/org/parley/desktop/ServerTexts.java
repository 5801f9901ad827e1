package org.parley.desktop;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the English texts a Parley server and the client library send as notices and
 * disconnect reasons (docs/PROTOCOL.md leaves them free text) into the user's language, by
 * recognising the known ones; an unknown text, e.g. from another server, is shown as it came.
 */
final class ServerTexts {
    private record Known(Pattern pattern, String key) {
    }

    /**
     * The disconnect reason the app records when a reconnect was refused because the server's key
     * changed (the library's own text is a multi-line English warning, shown as a dialog instead).
     */
    static final String KEY_CHANGED = "the server's key changed; not reconnecting";
    static final String SESSION_KEY_REFUSED = "the server refused the session key; not reconnecting";
    static final String NOT_TRUSTED = "the server's key is not trusted; not reconnecting";

    private static final List<Known> KNOWN = List.of(
            new Known(Pattern.compile(Pattern.quote(KEY_CHANGED)), "server.keyChanged"),
            new Known(Pattern.compile(Pattern.quote(SESSION_KEY_REFUSED)), "server.sessionKeyRefused"),
            new Known(Pattern.compile(Pattern.quote(NOT_TRUSTED)), "server.notTrusted"),
            new Known(Pattern.compile("the server is shutting down"), "server.shutdown"),
            new Known(Pattern.compile("idle for too long; closing the connection"), "server.idle"),
            new Known(Pattern.compile("not logged in within (\\d+) ms; closing the connection"), "server.loginDeadline"),
            new Known(Pattern.compile("too many requests over the rate limit; disconnected"), "server.rateLimited"),
            new Known(Pattern.compile("the server closed the connection"), "server.closed"),
            new Known(Pattern.compile("closed by the client"), "server.closedByClient"));

    private ServerTexts() {
    }

    /** {@code text} in the user's language when it is a known server or library text, else unchanged. */
    static String translate(I18n i18n, String text) {
        for (Known known : KNOWN) {
            Matcher matcher = known.pattern().matcher(text);
            if (matcher.matches()) {
                Object[] args = new Object[matcher.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = matcher.group(i + 1);
                }
                return i18n.get(known.key(), args);
            }
        }
        return text;
    }
}
