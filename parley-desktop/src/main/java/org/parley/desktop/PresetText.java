package org.parley.desktop;

import java.util.List;
import java.util.stream.Collectors;
import javafx.util.StringConverter;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuiteComponent;

/** Shows a preset with its security label in the current language, and its components with their labels. */
final class PresetText extends StringConverter<Preset> {
    private final I18n i18n;

    PresetText(I18n i18n) {
        this.i18n = i18n;
    }

    @Override
    public String toString(Preset preset) {
        return preset == null ? "" : preset.name() + " — " + i18n.get("preset." + preset.name());
    }

    @Override
    public Preset fromString(String text) {
        return Preset.valueOf(text.split(" ", 2)[0]);
    }

    /** One line per component kind, most preferred first, e.g. "X25519MLKEM768 (128-bit, PQ)". */
    static String components(Preset preset) {
        if (preset == null) {
            return "";
        }
        var prefs = preset.preferences();
        return String.join("\n", line(prefs.keyExchanges()), line(prefs.signatures()), line(prefs.ciphers()), line(prefs.hashes()));
    }

    private static String line(List<? extends SuiteComponent> components) {
        return components.stream().map(PresetText::label).collect(Collectors.joining(", "));
    }

    static String label(SuiteComponent component) {
        return component.label() + " (" + component.securityBits() + "-bit" + (component.postQuantum() ? ", PQ" : "") + ")";
    }
}
