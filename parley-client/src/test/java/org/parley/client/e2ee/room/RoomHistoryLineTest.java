package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The room history line keeps the "from an unverified device" mark, and lines written before it still read. */
class RoomHistoryLineTest {
    @Test
    void theMarkFromAnUnverifiedDeviceSurvivesWritingAndReadingBack() {
        E2eRoomMessage marked = new E2eRoomMessage("den", "bob", 7, false, "00ff", 41, 2, Instant.ofEpochMilli(1234), "hi", true);
        E2eRoomMessage plain = new E2eRoomMessage("den", "bob", 3, false, "0aff", 42, 1, Instant.ofEpochMilli(5678), "hello");

        assertThat(RoomHistoryLine.parse("den", RoomHistoryLine.format(marked))).contains(marked);
        assertThat(RoomHistoryLine.parse("den", RoomHistoryLine.format(plain))).contains(plain);
    }

    @Test
    void aLineWrittenBeforeTheMarkReadsAsUnmarkedAndATornOneIsSkipped() {
        String old = String.join("\t", "00ff", "0", "bob", "7", "41", "2", "1234", "aGk=");
        String torn = RoomHistoryLine.format(
                new E2eRoomMessage("den", "bob", 7, false, "00ff", 41, 2, Instant.ofEpochMilli(1234), "hi", true));

        assertThat(RoomHistoryLine.parse("den", old)).contains(
                new E2eRoomMessage("den", "bob", 7, false, "00ff", 41, 2, Instant.ofEpochMilli(1234), "hi", false));
        assertThat(RoomHistoryLine.parse("den", torn.substring(0, torn.lastIndexOf('\t')))).as("cut after the mark").isEmpty();
    }
}
