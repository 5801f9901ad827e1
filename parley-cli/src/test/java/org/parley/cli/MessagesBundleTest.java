package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesBundleTest {

    @Test
    void englishAndChineseBundlesHaveTheSameKeys() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh_CN.properties");

        assertThat(english.stringPropertyNames()).isNotEmpty();
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
    }

    @Test
    void everyHelpEntryHasAText() throws IOException {
        Properties english = load("messages.properties");

        for (String word : new String[] {"join", "leave", "rooms", "who", "msg", "topic", "invite", "kick", "ban", "history",
                "suite", "fingerprint", "passwd", "addkey", "quit", "help", "create", "uninvite", "unban", "op", "deop", "keys", "removekey"}) {
            assertThat(english.getProperty("help." + word)).as(word).isNotBlank();
        }
    }

    @Test
    void chineseLocaleGetsChineseTextAndEnglishStaysEnglishOnAChineseSystem() {
        Messages chinese = Messages.forLocale(Locale.SIMPLIFIED_CHINESE);
        Messages english = Messages.forLocale(Messages.locale("en", Locale.SIMPLIFIED_CHINESE));

        assertThat(chinese.get("room.left", "大厅")).isEqualTo("已离开 大厅。");
        assertThat(english.get("room.left", "lobby")).isEqualTo("Left lobby.");
    }

    @Test
    void aRateLimitedRequestIsExplainedInBothLanguages() {
        Messages chinese = Messages.forLocale(Locale.SIMPLIFIED_CHINESE);
        Messages english = Messages.forLocale(Messages.locale("en", Locale.SIMPLIFIED_CHINESE));

        assertThat(english.get("error.RATE_LIMITED")).contains("too fast");
        assertThat(chinese.get("error.RATE_LIMITED")).contains("频繁");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesBundleTest.class.getResourceAsStream("/org/parley/cli/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
