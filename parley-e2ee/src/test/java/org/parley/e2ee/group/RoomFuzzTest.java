package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.crypto.Bytes;

/**
 * Fuzzes the room parsers with arbitrary bytes: the room envelope, the sender-key distribution and
 * the membership-log entry may fail only with a {@link RoomException}, and whatever decodes
 * re-encodes to exactly the input. In plain {@code mvn test} each target runs over its seeds in
 * {@code RoomFuzzTestInputs/} (taken from docs/test-vectors/E2EE_room.json); set JAZZER_FUZZ=1 to
 * fuzz (docs/FUZZING.md).
 */
class RoomFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void roomEnvelopeFailsOnlyWithRoomExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        try {
            assertThat(RoomEnvelope.decode(encoded).encode()).isEqualTo(encoded);
        } catch (RoomException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void senderKeyDistributionFailsOnlyWithRoomExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        try {
            assertThat(SenderKeyDistribution.decode(encoded).encode()).isEqualTo(encoded);
        } catch (RoomException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void logEntryFailsOnlyWithRoomExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        try {
            assertThat(LogEntryCodec.encode(LogEntryCodec.decode(encoded))).isEqualTo(encoded);
        } catch (RoomException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }
}
