package org.parley.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The terminal client's user-facing text in English ({@code messages.properties}) or Simplified
 * Chinese ({@code messages_zh_CN.properties}), formatted with {@link MessageFormat}.
 */
public final class Messages {
    /** Base name of the bundles, for tests that compare their keys. */
    public static final String BUNDLE = "org.parley.cli.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /**
     * Text for {@code locale}: Chinese for any {@code zh} locale, English otherwise. No fallback to
     * the JVM's default locale, so {@code --lang en} is English on a Chinese system too.
     */
    public static Messages forLocale(Locale locale) {
        Locale chosen = locale.getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, chosen,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(bundle, chosen);
    }

    /** The locale for {@code --lang en|zh}, or the JVM default locale when not given. */
    public static Locale locale(String lang, Locale defaultLocale) {
        if (lang == null) {
            return defaultLocale;
        }
        return switch (lang.toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "zh_cn" -> Locale.SIMPLIFIED_CHINESE;
            case "en" -> Locale.ENGLISH;
            default -> throw new IllegalArgumentException("--lang must be en or zh, got " + lang);
        };
    }

    /** The text for {@code key} with {@code args} filled in; a missing key shows as the key itself. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "{" + key + "}";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** Whether the bundle has {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
