package org.parley.lab.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Builds capture files from packets, for tests: classic pcap (little-endian) and pcapng (big-endian). */
final class Captures {
    private Captures() {
    }

    static byte[] pcap(int linkType, List<byte[]> packets) {
        int size = 24 + packets.stream().mapToInt(p -> 16 + p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(linkType);
        for (byte[] p : packets) {
            out.putInt(0).putInt(0).putInt(p.length).putInt(p.length).put(p);
        }
        return out.array();
    }

    static byte[] pcapng(int linkType, List<byte[]> packets) {
        int size = 28 + 20 + packets.stream().mapToInt(p -> 32 + (p.length + 3) / 4 * 4).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        out.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        out.putInt(1).putInt(20).putShort((short) linkType).putShort((short) 0).putInt(262_144).putInt(20);
        for (byte[] p : packets) {
            int padded = (p.length + 3) / 4 * 4;
            out.putInt(6).putInt(32 + padded).putInt(0).putInt(0).putInt(0).putInt(p.length).putInt(p.length)
                    .put(p).put(new byte[padded - p.length]).putInt(32 + padded);
        }
        return out.array();
    }
}
