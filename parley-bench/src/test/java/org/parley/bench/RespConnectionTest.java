package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespConnectionTest {

    @Test
    void aSubscribersPushesAreCountedAsDeliveriesAndEveryOtherReplyGoesToTheListener() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(7);
        ReadClock clock = new ReadClock();
        RespConnection connection = new RespConnection(1_000_001, sink, clock);
        List<RespValue> replies = new ArrayList<>();
        connection.onReply(replies::add);
        EmbeddedChannel channel = new EmbeddedChannel(clock, connection);
        String stream = push("7:3:" + System.nanoTime() + ":xxxx") + ":12\r\n" + push("7:4:" + System.nanoTime() + ":")
                + push("6:3:" + System.nanoTime() + ":earlier step") + "-ERR wrong\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        int half = bytes.length / 2;
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, half));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, half, bytes.length - half));
        assertThat(sink.delivered()).isEqualTo(2);
        assertThat(sink.latencies().count()).isEqualTo(2);
        assertThat(replies).containsExactly(new RespValue.Simple("12"), new RespValue.Error("ERR wrong"));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static String push(String body) {
        return "*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$" + body.length() + "\r\n" + body + "\r\n";
    }
}
