package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBufferTest {
    private final List<String> lines = new ArrayList<>();
    private final LineBuffer.Lines collect = (bytes, start, end) ->
            lines.add(new String(bytes, start, end - start, StandardCharsets.US_ASCII));

    @Test
    void linesSplitAtEveryByteBoundaryComeOutWholeWithoutTheirEndings() {
        byte[] stream = "first\r\nsecond\n\r\nlast\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= stream.length; split++) {
            lines.clear();
            LineBuffer buffer = new LineBuffer(100);
            ByteBuf head = Unpooled.wrappedBuffer(stream, 0, split);
            ByteBuf tail = Unpooled.wrappedBuffer(stream, split, stream.length - split);
            buffer.append(head, collect);
            buffer.append(tail, collect);
            assertThat(lines).as("split at %d", split).containsExactly("first", "second", "", "last");
            assertThat(head.isReadable()).isFalse();
            assertThat(tail.isReadable()).isFalse();
        }
    }

    @Test
    void anUnfinishedLineWaitsForItsEndAcrossManyReadsAndTheBufferGrowsForThem() {
        LineBuffer buffer = new LineBuffer(4096);
        String line = "x".repeat(3000);
        for (int i = 0; i < line.length(); i += 100) {
            buffer.append(Unpooled.copiedBuffer(line.substring(i, i + 100), StandardCharsets.US_ASCII), collect);
        }
        assertThat(lines).isEmpty();
        buffer.append(Unpooled.copiedBuffer("\r\nnext\r\n", StandardCharsets.US_ASCII), collect);
        assertThat(lines).containsExactly(line, "next");
    }

    @Test
    void aLineLongerThanTheMaximumIsATypedErrorEvenBeforeItEnds() {
        LineBuffer unfinished = new LineBuffer(10);
        assertThatThrownBy(() -> unfinished.append(Unpooled.copiedBuffer("x".repeat(11), StandardCharsets.US_ASCII), collect))
                .isInstanceOf(TooLongFrameException.class).hasMessageContaining("at most 10");
        LineBuffer ended = new LineBuffer(10);
        assertThatThrownBy(() -> ended.append(Unpooled.copiedBuffer("x".repeat(11) + "\n", StandardCharsets.US_ASCII), collect))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(lines).isEmpty();
    }

    @Test
    void aLineOfExactlyTheMaximumPasses() {
        LineBuffer buffer = new LineBuffer(10);
        buffer.append(Unpooled.copiedBuffer("x".repeat(10) + "\r\n", StandardCharsets.US_ASCII), collect);
        assertThat(lines).containsExactly("x".repeat(10));
    }

    @Test
    void theEightBytesAStepSearchFindsTheFirstLfAtEveryPositionAndNoneWhereThereIsNone() {
        for (int length = 0; length <= 40; length++) {
            byte[] none = new byte[length];
            java.util.Arrays.fill(none, (byte) 0x0B); // one bit away from LF, and bytes that borrow
            assertThat(LineBuffer.indexOfLf(none, 0, length)).isEqualTo(-1);
            for (int at = 0; at < length; at++) {
                byte[] bytes = none.clone();
                bytes[at] = '\n';
                for (int later = at + 1; later < length; later++) {
                    bytes[later] = (later % 3 == 0) ? (byte) '\n' : (byte) 0x09;
                }
                assertThat(LineBuffer.indexOfLf(bytes, 0, length)).as("LF at %d of %d", at, length).isEqualTo(at);
                assertThat(LineBuffer.indexOfLf(bytes, 0, at)).isEqualTo(-1);
            }
        }
    }
}
