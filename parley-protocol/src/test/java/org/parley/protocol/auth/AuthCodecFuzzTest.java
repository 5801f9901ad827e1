package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;

/**
 * Jazzer fuzz target for {@link AuthCodec#decode}: any input either decodes to a message whose
 * encoding is the input again, or fails with {@link WireFormatException}. In plain {@code mvn
 * test} it runs in regression mode over the stored inputs; set JAZZER_FUZZ=1 to fuzz.
 */
class AuthCodecFuzzTest {

    @FuzzTest
    void decodeFailsOnlyWithWireFormatException(byte[] input) {
        Bytes bytes = Bytes.copyOf(input);

        Throwable thrown = catchThrowable(() -> assertThat(AuthCodec.encode(AuthCodec.decode(bytes))).isEqualTo(bytes));

        assertThat(thrown == null || thrown instanceof WireFormatException).as("threw %s", thrown).isTrue();
    }
}
