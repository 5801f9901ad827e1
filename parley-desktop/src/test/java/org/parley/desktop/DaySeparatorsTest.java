package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DaySeparatorsTest {
    private static ChatLine at(String instant) {
        return new ChatLine(1, ChatLine.Kind.OTHER, "bob", Instant.parse(instant), "hi");
    }

    private static final List<ChatLine> LINES = List.of(at("2026-03-01T09:00:00Z"), at("2026-03-01T23:59:00Z"),
            at("2026-03-02T00:01:00Z"));

    @Test
    void theFirstLineAndTheFirstLineOfEachNewDayGetTheDateInTheUsersLanguage() {
        assertThat(DaySeparators.before(LINES, 0, ZoneOffset.UTC, Locale.ENGLISH)).contains("Sunday, March 1, 2026");
        assertThat(DaySeparators.before(LINES, 1, ZoneOffset.UTC, Locale.ENGLISH)).isEmpty();
        assertThat(DaySeparators.before(LINES, 2, ZoneOffset.UTC, Locale.ENGLISH)).contains("Monday, March 2, 2026");
        assertThat(DaySeparators.before(LINES, 2, ZoneOffset.UTC, Locale.SIMPLIFIED_CHINESE)).contains("2026年3月2日星期一");
    }

    @Test
    void theDayChangesInTheUsersTimeZoneNotInUtc() {
        assertThat(DaySeparators.before(LINES, 2, ZoneOffset.ofHours(8), Locale.ENGLISH)).isEmpty();
        assertThat(DaySeparators.before(LINES, 1, ZoneOffset.ofHours(8), Locale.ENGLISH)).contains("Monday, March 2, 2026");
    }
}
