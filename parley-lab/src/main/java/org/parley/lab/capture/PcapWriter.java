package org.parley.lab.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.Direction;

/**
 * Writes what the lab's proxy saw as a classic pcap file (Ethernet, IPv4, TCP) that tcpdump, Wireshark and
 * {@code parley inspect} read: connection N is client {@code 127.0.0.1:(40000+N)} to server
 * {@code 127.0.0.1:}{@value #SERVER_PORT}, opened by a three-way handshake, with one TCP segment per
 * Parley frame. The packets are synthesised from the recorded frames (the proxy reads streams, not
 * packets), so sizes and order are the real ones and timestamps are one millisecond apart from
 * {@code start}. TCP checksums are left zero (Wireshark does not check them by default).
 */
public final class PcapWriter {
    /** The server port in written captures: Parley's default, where the Wireshark dissector registers. */
    public static final int SERVER_PORT = 7443;
    private static final int HEADERS = 14 + 20 + 20;

    private PcapWriter() {
    }

    public static void write(Path file, List<CapturedFrame> frames, Instant start) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(1);
            out.write(header.array());
            Map<Integer, long[]> sequences = new HashMap<>();
            long tick = 0;
            for (CapturedFrame f : frames) {
                long[] seq = sequences.get(f.connection());
                if (seq == null) {
                    seq = new long[] {1_000_000L * f.connection(), 2_000_000_000L + f.connection()};
                    sequences.put(f.connection(), seq);
                    out.write(packet(start, tick++, f.connection(), true, seq[0] - 1, 0, 0x02, new byte[0]));
                    out.write(packet(start, tick++, f.connection(), false, seq[1] - 1, seq[0], 0x12, new byte[0]));
                    out.write(packet(start, tick++, f.connection(), true, seq[0], seq[1], 0x10, new byte[0]));
                }
                boolean fromClient = f.direction() == Direction.CLIENT_TO_SERVER;
                byte[] payload = f.bytes().toByteArray();
                int mine = fromClient ? 0 : 1;
                out.write(packet(start, tick++, f.connection(), fromClient, seq[mine], seq[1 - mine], 0x18, payload));
                seq[mine] = (seq[mine] + payload.length) & 0xffffffffL;
            }
        }
    }

    private static byte[] packet(Instant start, long tick, int connection, boolean fromClient, long sequence, long ack,
            int flags, byte[] payload) {
        ByteBuffer p = ByteBuffer.allocate(16 + HEADERS + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        Instant at = start.plusMillis(tick);
        p.putInt((int) at.getEpochSecond()).putInt(at.getNano() / 1000).putInt(HEADERS + payload.length)
                .putInt(HEADERS + payload.length);
        p.order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[12]).putShort((short) 0x0800);
        int ip = p.position();
        p.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) tick)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        p.putShort(ip + 10, checksum(p.array(), ip, 20));
        int clientPort = 40_000 + connection;
        p.putShort((short) (fromClient ? clientPort : SERVER_PORT)).putShort((short) (fromClient ? SERVER_PORT : clientPort))
                .putInt((int) sequence).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 65_535)
                .putShort((short) 0).putShort((short) 0);
        p.put(payload);
        return p.array();
    }

    private static short checksum(byte[] data, int at, int length) {
        int sum = 0;
        for (int i = at; i < at + length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (short) ~sum;
    }
}
