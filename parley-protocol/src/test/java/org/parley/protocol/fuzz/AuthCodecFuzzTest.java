package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.AuthMessage;

/**
 * Fuzzes {@link AuthCodec#decode} with arbitrary bytes. Whatever decodes must re-encode to exactly
 * the input, because the codec promises one encoding per message.
 */
class AuthCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRejectsOnlyWithParleyExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        AuthMessage[] decoded = new AuthMessage[1];
        ParleyException rejection = ParleyOnly.run(() -> decoded[0] = AuthCodec.decode(encoded));
        if (rejection == null) {
            assertThat(AuthCodec.encode(decoded[0])).isEqualTo(encoded);
        }
    }
}
