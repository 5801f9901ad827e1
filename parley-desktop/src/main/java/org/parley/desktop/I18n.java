package org.parley.desktop;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The user-visible texts in the current language (English or 简体中文), switchable at run time.
 *
 * <p>Views bind their labels to {@link #text}, so changing {@link #setLocale} relabels every open
 * window at once without rebuilding it (and without losing typed input or conversations).
 */
public final class I18n {
    /** The languages the app ships; the first is the fallback. */
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final String BUNDLE = "org.parley.desktop.messages";

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();
    private ResourceBundle bundle;

    public I18n(Locale initial) {
        setLocale(initial);
    }

    /** English or Chinese, whichever is closest to {@code requested} (Chinese for any "zh"). */
    public static Locale supported(Locale requested) {
        return "zh".equals(requested.getLanguage()) ? CHINESE : ENGLISH;
    }

    public void setLocale(Locale requested) {
        Locale chosen = supported(requested);
        // No fallback to the JVM default locale: asking for English must give English on a Chinese desktop.
        bundle = ResourceBundle.getBundle(BUNDLE, chosen,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        locale.set(chosen);
    }

    public Locale locale() {
        return locale.get();
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    /**
     * The text for {@code key} now, with {@link MessageFormat} arguments. Every text of the bundles
     * is a MessageFormat pattern, with or without arguments, so an apostrophe is written {@code ''}
     * and shown once either way; an unknown key is shown as it is.
     */
    public String get(String key, Object... args) {
        return bundle.containsKey(key) ? new MessageFormat(bundle.getString(key), locale.get()).format(args) : key;
    }

    /** Whether the current language has a text for {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** A binding that follows language switches. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), locale);
    }

    /** A window title: always "Parley", then the localised part. */
    public StringBinding title(String key) {
        return Bindings.createStringBinding(() -> "Parley — " + get(key), locale);
    }
}
