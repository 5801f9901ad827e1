package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;

/**
 * Keeps the committed {@link RoomFuzzTest} seeds honest: each still decodes, so a wire change that
 * invalidates them is noticed instead of silently shrinking coverage.
 */
class RoomFuzzSeedsTest {
    private static final String BASE = "RoomFuzzTestInputs/";

    @Test
    void everyRoomSeedStillDecodes() throws Exception {
        for (String name : List.of("a1", "a3")) {
            assertThat(RoomEnvelope.decode(seed("roomEnvelopeFailsOnlyWithRoomExceptionsAndRoundTrips/" + name)))
                    .as(name).isNotNull();
        }
        for (String name : List.of("alice-to-bob", "bob-to-alice")) {
            assertThat(SenderKeyDistribution.decode(
                    seed("senderKeyDistributionFailsOnlyWithRoomExceptionsAndRoundTrips/" + name))).as(name).isNotNull();
        }
        for (String name : List.of("create", "invite", "join", "kick")) {
            assertThat(LogEntryCodec.decode(seed("logEntryFailsOnlyWithRoomExceptionsAndRoundTrips/" + name)))
                    .as(name).isNotNull();
        }
    }

    private static Bytes seed(String path) throws IOException {
        try (InputStream in = RoomFuzzSeedsTest.class.getResourceAsStream(BASE + path)) {
            assertThat(in).as(path).isNotNull();
            return Bytes.wrapOwned(in.readAllBytes());
        }
    }
}
