package org.parley.desktop;

import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * What the desktop client remembers between runs: last server, last user, language and window size.
 *
 * <p><b>Security.</b> Never the password: it lives only in the password field and in the client
 * library, which wipes it after use.
 */
public final class Settings {
    private static final String SERVER = "server";
    private static final String USER = "user";
    private static final String LANGUAGE = "language";
    private static final String PRESET = "preset";

    private final Preferences node;

    public Settings(Preferences node) {
        this.node = node;
    }

    /** The user's settings under {@code org/parley/desktop}. */
    public static Settings forUser() {
        return new Settings(Preferences.userRoot().node("org/parley/desktop"));
    }

    public String server() {
        return node.get(SERVER, "localhost:7443");
    }

    public String user() {
        return node.get(USER, "");
    }

    public String preset() {
        return node.get(PRESET, "MODERN");
    }

    public void rememberLogin(String server, String user, String preset) {
        node.put(SERVER, server);
        node.put(USER, user);
        node.put(PRESET, preset);
    }

    /** The language chosen in the app, if any; otherwise the OS locale is followed. */
    public Optional<Locale> language() {
        String tag = node.get(LANGUAGE, "");
        return tag.isEmpty() ? Optional.empty() : Optional.of(Locale.forLanguageTag(tag));
    }

    public void rememberLanguage(Locale locale) {
        node.put(LANGUAGE, locale.toLanguageTag());
    }

    public double width(String window, double fallback) {
        return node.getDouble(window + ".width", fallback);
    }

    public double height(String window, double fallback) {
        return node.getDouble(window + ".height", fallback);
    }

    public void rememberSize(String window, double width, double height) {
        node.putDouble(window + ".width", width);
        node.putDouble(window + ".height", height);
    }
}
