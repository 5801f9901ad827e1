package org.parley.e2ee.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.envelope.EnvelopeCodec;

/**
 * Keeps the committed {@link EnvelopeFuzzTest} seeds honest: each still decodes, so a wire change
 * that invalidates them is noticed instead of silently shrinking coverage to the first byte.
 */
class EnvelopeSeedsTest {
    private static final String ENVELOPES = "EnvelopeFuzzTestInputs/decodeEnvelopeFailsOnlyWithE2eeExceptionsAndRoundTrips/";
    private static final String HEADERS = "EnvelopeFuzzTestInputs/decodeHeaderFailsOnlyWithE2eeExceptionsAndRoundTrips/";
    private static final String SESSION = "EnvelopeFuzzTestInputs/sessionRefusesHostileEnvelopesWithoutChangingState/";

    @Test
    void everyEnvelopeSeedDecodesAndEveryHeaderSeedDecodes() throws Exception {
        for (String name : List.of("classic-a1", "pq-start-a1", "pq-ratchet-a1", "pq-ratchet-a4", "pq-ratchet-b1",
                "pq-ratchet-b3")) {
            assertThat(EnvelopeCodec.decode(seed(ENVELOPES + name))).as(name).isNotNull();
        }
        for (String name : List.of("pq-ratchet-a4", "pq-ratchet-b1", "pq-ratchet-b3")) {
            assertThat(EnvelopeCodec.decodeHeader(seed(HEADERS + name))).as(name).isNotNull();
        }
        for (String name : List.of("classic-a1", "classic-a4", "classic-b1", "classic-b3")) {
            assertThat(EnvelopeCodec.decode(seed(SESSION + name))).as(name).isNotNull();
        }
    }

    private static Bytes seed(String path) throws IOException {
        try (InputStream in = EnvelopeSeedsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return Bytes.wrapOwned(in.readAllBytes());
        }
    }
}
