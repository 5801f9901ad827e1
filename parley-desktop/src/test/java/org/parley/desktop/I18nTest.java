package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class I18nTest {

    @Test
    void bothLanguagesDefineTheSameTexts() {
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle english = ResourceBundle.getBundle("org.parley.desktop.messages", Locale.ROOT, exact);
        ResourceBundle chinese = ResourceBundle.getBundle("org.parley.desktop.messages", Locale.CHINESE, exact);

        assertThat(chinese.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        assertThat(chinese.getString("login.connect")).isEqualTo("连接");
    }

    @Test
    void englishStaysEnglishOnAChineseDesktop() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        try {
            assertThat(new I18n(Locale.US).get("login.connect")).isEqualTo("Connect");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void followsAnyChineseLocaleAndFallsBackToEnglish() {
        assertThat(I18n.supported(Locale.TRADITIONAL_CHINESE)).isEqualTo(I18n.CHINESE);
        assertThat(I18n.supported(Locale.GERMANY)).isEqualTo(I18n.ENGLISH);
    }

    @Test
    void titlesBeginWithParleyInEveryLanguage() {
        I18n i18n = new I18n(Locale.ENGLISH);
        assertThat(i18n.title("login.title").get()).isEqualTo("Parley — Connect");
        i18n.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(i18n.title("login.title").get()).isEqualTo("Parley — 连接");
    }

    @Test
    void everyTextShowsItsApostrophesOnceWhetherOrNotItTakesArguments() {
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (Locale language : List.of(I18n.ENGLISH, I18n.CHINESE)) {
            I18n i18n = new I18n(language);
            ResourceBundle bundle = ResourceBundle.getBundle("org.parley.desktop.messages", language, exact);
            for (String key : bundle.keySet()) {
                // The bundles are MessageFormat patterns: a doubled apostrophe is one apostrophe on screen.
                String expected = bundle.getString(key).replace("''", "'");
                String shown = i18n.get(key);
                assertThat(shown).as(key).doesNotContain("''");
                assertThat(shown.chars().filter(c -> c == '\'').count()).as(key)
                        .isEqualTo(expected.chars().filter(c -> c == '\'').count());
            }
        }
        assertThat(new I18n(Locale.ENGLISH).get("trust.explain")).contains("the server's operator");
    }

    @Test
    void formatsArgumentsAndPluralsInTheRoomHeader() {
        I18n i18n = new I18n(Locale.ENGLISH);
        assertThat(i18n.get("main.roomHeader", "Lobby", 1, "")).isEqualTo("# Lobby — 1 member");
        assertThat(i18n.get("main.roomHeader", "Lobby", 3, " — hi")).isEqualTo("# Lobby — 3 members — hi");
    }
}
