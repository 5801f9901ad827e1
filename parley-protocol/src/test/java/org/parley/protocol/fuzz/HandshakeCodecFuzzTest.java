package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.handshake.HandshakeCodec;
import org.parley.protocol.handshake.HandshakeMessage;

/**
 * Fuzzes {@link HandshakeCodec#decode} with arbitrary bytes. Whatever decodes must re-encode to
 * exactly the input: every handshake message has one encoding, which the transcript relies on.
 */
class HandshakeCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRejectsOnlyWithParleyExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        HandshakeMessage[] decoded = new HandshakeMessage[1];
        ParleyException rejection = ParleyOnly.run(() -> decoded[0] = HandshakeCodec.decode(encoded));
        if (rejection == null) {
            assertThat(HandshakeCodec.encode(decoded[0])).isEqualTo(encoded);
        }
    }
}
