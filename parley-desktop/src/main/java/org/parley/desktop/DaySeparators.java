package org.parley.desktop;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a conversation needs a date line: above its first line and wherever the day changes. */
final class DaySeparators {
    private DaySeparators() {
    }

    /** The date to show above {@code lines[index]}, in the user's language, or empty when it is the same day as the line before. */
    static Optional<String> before(List<ChatLine> lines, int index, ZoneId zone, Locale locale) {
        if (lines == null || index < 0 || index >= lines.size()) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(lines.get(index).time(), zone);
        if (index > 0 && LocalDate.ofInstant(lines.get(index - 1).time(), zone).equals(day)) {
            return Optional.empty();
        }
        return Optional.of(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(day));
    }
}
