package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.e2ee.E2eSuite;

/** The private history line keeps the "from an unverified device" mark, and lines written before it still read. */
class HistoryLineTest {
    private static final E2eSuite SUITE = E2eSuite.values()[0];

    @Test
    void theMarkFromAnUnverifiedDeviceSurvivesWritingAndReadingBack() {
        E2eMessage marked = new E2eMessage("bob", "bob", 7, false, SUITE, "00ff", Instant.ofEpochMilli(1234), "hi\tthere", true);
        E2eMessage plain = new E2eMessage("bob", "bob", 3, false, SUITE, "0aff", Instant.ofEpochMilli(5678), "hello");

        assertThat(HistoryLine.parse("bob", HistoryLine.format(marked))).contains(marked);
        assertThat(HistoryLine.parse("bob", HistoryLine.format(plain))).contains(plain);
    }

    @Test
    void aLineWrittenBeforeTheMarkReadsAsUnmarkedAndATornOneIsSkipped() {
        String old = String.join("\t", "00ff", "0", "bob", "7", Integer.toString(SUITE.code()), "1234", "aGk=");
        String torn = HistoryLine.format(new E2eMessage("bob", "bob", 7, false, SUITE, "00ff", Instant.ofEpochMilli(1234), "hi", true));

        assertThat(HistoryLine.parse("bob", old)).contains(
                new E2eMessage("bob", "bob", 7, false, SUITE, "00ff", Instant.ofEpochMilli(1234), "hi", false));
        assertThat(HistoryLine.parse("bob", torn.substring(0, torn.lastIndexOf('\t')))).as("cut after the mark").isEmpty();
    }
}
