package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The attacker's view keeps frame headers and payload prefixes, whatever the segment boundaries, and forwards every byte. */
class WireTapTest {

    @Test
    void framesSplitAtAwkwardBoundariesAreSeenWholeAndForwardedUnchanged() {
        WireTap tap = new WireTap();
        EmbeddedChannel channel = new EmbeddedChannel(tap);
        byte[] stream = HexFormat.of().parseHex("16000301020317001400112233445566778899aabbccddeeff00112233" + "150001" + "28");
        for (int at = 0; at < stream.length; at += 2) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(2, stream.length - at)));
        }
        channel.writeOutbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("17000199")));

        assertThat(tap.frames()).extracting(WireFrame::sent, WireFrame::type, WireFrame::length, f -> f.head().toHex())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, 0x16, 3, "010203"),
                        org.assertj.core.groups.Tuple.tuple(false, 0x17, 20, "00112233445566778899aabbccddeeff"),
                        org.assertj.core.groups.Tuple.tuple(false, 0x15, 1, "28"),
                        org.assertj.core.groups.Tuple.tuple(true, 0x17, 1, "99"));
        int forwarded = 0;
        for (Object chunk = channel.readInbound(); chunk != null; chunk = channel.readInbound()) {
            forwarded += ((io.netty.buffer.ByteBuf) chunk).readableBytes();
        }
        assertThat(forwarded).isEqualTo(stream.length);
    }

    @Test
    void onlyTheLastSixtyFourFramesAreKeptAndNonFramesStopTheWatch() {
        WireTap tap = new WireTap();
        EmbeddedChannel channel = new EmbeddedChannel(tap);
        for (int i = 0; i < 70; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x17, 0, 1, (byte) i}));
        }
        channel.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x17, 0, 1, 99}));

        assertThat(tap.frames()).hasSize(WireTap.KEPT);
        assertThat(tap.frames().getFirst().head().toHex()).isEqualTo("06");
        assertThat(tap.frames().getLast().head().toHex()).isEqualTo("45");
    }
}
