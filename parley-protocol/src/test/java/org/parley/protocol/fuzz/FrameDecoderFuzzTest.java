package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameDecoder;

/**
 * Fuzzes {@link FrameDecoder} with arbitrary bytes delivered in fuzzer-chosen pieces.
 *
 * <p>Besides "only ParleyException escapes", the target checks a differential property: the same
 * stream fed in one piece and fed in arbitrary pieces yields the same frames and the same verdict,
 * so the decoder's buffering cannot depend on where the transport splits bytes.
 */
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void splitStreamsDecodeLikeWholeStreams(FuzzedDataProvider data) {
        int pieces = data.consumeInt(0, 64);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < pieces; i++) {
            cuts.add(data.consumeInt(0, 4096));
        }
        byte[] stream = data.consumeRemainingAsBytes();

        Outcome whole = decodeAll(List.of(ByteBuffer.wrap(stream)));
        Outcome split = decodeAll(slices(stream, cuts));

        assertThat(split.frames()).isEqualTo(whole.frames());
        assertThat(split.rejected()).isEqualTo(whole.rejected());
    }

    private static List<ByteBuffer> slices(byte[] stream, List<Integer> cuts) {
        List<ByteBuffer> out = new ArrayList<>();
        int position = 0;
        for (int cut : cuts) {
            int length = Math.min(cut, stream.length - position);
            out.add(ByteBuffer.wrap(stream, position, length).slice());
            position += length;
        }
        out.add(ByteBuffer.wrap(stream, position, stream.length - position).slice());
        return out;
    }

    private static Outcome decodeAll(List<ByteBuffer> pieces) {
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> frames = new ArrayList<>();
        ParleyException rejection = ParleyOnly.run(() -> {
            for (ByteBuffer piece : pieces) {
                Optional<Frame> frame;
                while ((frame = decoder.decode(piece)).isPresent()) {
                    frames.add(frame.get());
                }
                assertThat(piece.hasRemaining()).as("decoder consumed the whole piece").isFalse();
            }
        });
        if (rejection != null) {
            // A failed decoder stays failed, whatever arrives next.
            assertThat(ParleyOnly.run(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0x16, 0, 0})))).isNotNull();
        }
        return new Outcome(frames, rejection != null);
    }

    private record Outcome(List<Frame> frames, boolean rejected) {
    }
}
