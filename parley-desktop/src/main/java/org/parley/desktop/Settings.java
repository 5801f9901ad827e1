package org.parley.desktop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;
import org.parley.protocol.suite.Preset;

/**
 * What the desktop client remembers between runs: last server, last user, how they signed in (and
 * the key file's path), the security choice, language and window size.
 *
 * <p><b>Security.</b> Never the password: it lives only in the password field and in the client
 * library, which wipes it after use. Of a key file only its path is kept, never its content.
 */
public final class Settings {
    private static final String SERVER = "server";
    private static final String USER = "user";
    private static final String LANGUAGE = "language";
    private static final String PRESET = "preset";
    private static final String CUSTOM_SUITE = "suite.custom";
    private static final String COMPONENTS = "suite.components";
    private static final String KEY_FILE = "keyFile";
    private static final String USE_KEY = "useKeyFile";

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

    /** The preset chosen last time; MODERN if none (or an unknown name) was stored. */
    public Preset preset() {
        String name = node.get(PRESET, Preset.MODERN.name());
        return Arrays.stream(Preset.values()).filter(p -> p.name().equals(name)).findFirst().orElse(Preset.MODERN);
    }

    /** Whether the user chose individual components instead of the preset. */
    public boolean customSuite() {
        return node.getBoolean(CUSTOM_SUITE, false);
    }

    /** Labels of the individually chosen components (unknown labels are the caller's to skip). */
    public List<String> components() {
        String joined = node.get(COMPONENTS, "");
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    public String keyFile() {
        return node.get(KEY_FILE, "");
    }

    /** True if the user signed in with a key file last time rather than a password. */
    public boolean useKeyFile() {
        return node.getBoolean(USE_KEY, false);
    }

    public void rememberLogin(String server, String user) {
        node.put(SERVER, server);
        node.put(USER, user);
    }

    public void rememberKeyLogin(boolean useKey, String keyFile) {
        node.putBoolean(USE_KEY, useKey);
        node.put(KEY_FILE, keyFile);
    }

    public void rememberSuite(Preset preset, boolean custom, List<String> components) {
        node.put(PRESET, preset.name());
        node.putBoolean(CUSTOM_SUITE, custom);
        node.put(COMPONENTS, String.join(",", components));
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
