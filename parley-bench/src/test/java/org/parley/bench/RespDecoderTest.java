package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespDecoderTest {
    private static final String PUSH = "*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$5\r\nhello\r\n";

    @Test
    void aPubSubMessageSplitAtEveryByteBoundaryDecodesOnce() {
        byte[] bytes = (PUSH + ":12\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int split = 1; split < bytes.length; split++) {
            EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder());
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            RespValue first = channel.readInbound();
            RespValue second = channel.readInbound();
            assertThat(first).as("split at %d", split).isInstanceOf(RespValue.Array.class);
            List<RespValue> items = ((RespValue.Array) first).items();
            assertThat(new String(((RespValue.Bulk) items.get(2)).bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(second).isEqualTo(new RespValue.Simple("12"));
            assertThat(channel.<RespValue>readInbound()).isNull();
        }
    }

    @Test
    void errorsAndNullBulkStringsAreTyped() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("-ERR wrong\r\n$-1\r\n", StandardCharsets.US_ASCII));
        assertThat((RespValue) channel.readInbound()).isEqualTo(new RespValue.Error("ERR wrong"));
        assertThat(((RespValue.Bulk) channel.readInbound()).bytes()).isNull();
    }

    @Test
    void aBulkLengthAboveTheMaximumIsRefusedBeforeAnyAllocation() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder());
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("$" + (RespDecoder.MAX_BULK + 1) + "\r\n",
                StandardCharsets.US_ASCII))).isInstanceOf(DecoderException.class).hasMessageContaining("out of bounds");
    }

    @Test
    void aLineWithoutEndLongerThanTheMaximumIsRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder());
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("+" + "a".repeat(RespDecoder.MAX_LINE),
                StandardCharsets.US_ASCII))).isInstanceOf(DecoderException.class).hasMessageContaining("longer than");
    }

    @Test
    void arraysNestedDeeperThanTheMaximumAreRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder());
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("*1\r\n".repeat(RespDecoder.MAX_DEPTH + 1) + ":1\r\n",
                StandardCharsets.US_ASCII))).isInstanceOf(DecoderException.class).hasMessageContaining("nested");
    }

    @Test
    void aLineOrBulkStringNotEndedByCrlfIsATypedError() {
        for (String input : new String[] {"\n", ":12\n", "$2\r\nabXY", "$x\r\n"}) {
            EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder());
            assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.US_ASCII)))
                    .as(input).isInstanceOf(DecoderException.class).hasMessageStartingWith("RESP ");
        }
    }
}
