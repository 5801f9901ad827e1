package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;

/**
 * Fuzzes {@link ChatCodec#decodeRequest} and {@link ChatCodec#decodeEvent} with arbitrary bytes:
 * they may fail only with a {@link ParleyException}, and whatever decodes must re-encode to exactly
 * the input (one encoding per message). In plain {@code mvn test} each target runs over its seeds
 * in {@code ChatCodecFuzzTestInputs/} (see {@link ChatCodecSeedsTest}); set JAZZER_FUZZ=1 to fuzz.
 */
class ChatCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRequestFailsOnlyWithParleyExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        ChatRequest[] decoded = new ChatRequest[1];

        ParleyException rejection = ParleyOnly.run(() -> decoded[0] = ChatCodec.decodeRequest(encoded));

        if (rejection == null) {
            assertThat(ChatCodec.encode(decoded[0])).isEqualTo(encoded);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void decodeEventFailsOnlyWithParleyExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        ChatEvent[] decoded = new ChatEvent[1];

        ParleyException rejection = ParleyOnly.run(() -> decoded[0] = ChatCodec.decodeEvent(encoded));

        if (rejection == null) {
            assertThat(ChatCodec.encode(decoded[0])).isEqualTo(encoded);
        }
    }
}
