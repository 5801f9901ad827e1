package org.parley.lab.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.lab.Phrase;

/**
 * A small reader of the two capture formats tcpdump and Wireshark write: classic pcap (both byte
 * orders, microsecond and nanosecond magic) and pcapng (section header, interface description,
 * enhanced and simple packet blocks; other blocks are skipped). Every length is checked against
 * the bytes left and against a documented maximum before anything is copied:
 * a packet is at most {@value #MAX_PACKET} bytes, a pcapng block at most {@value #MAX_BLOCK} bytes,
 * a capture at most {@value #MAX_PACKETS} packets. Timestamps are ignored.
 */
public final class PcapFiles {
    public static final int MAX_PACKET = 262_144;
    public static final int MAX_BLOCK = 16 * 1024 * 1024;
    public static final int MAX_PACKETS = 1_000_000;

    private static final int PCAP_MICROS = 0xa1b2c3d4;
    private static final int PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SECTION = 0x0A0D0D0A;
    private static final int PCAPNG_BYTE_ORDER = 0x1A2B3C4D;

    private PcapFiles() {
    }

    /** True if {@code file} starts like a pcap or pcapng file. */
    public static boolean looksLikeCapture(byte[] file) {
        if (file.length < 4) {
            return false;
        }
        int big = ByteBuffer.wrap(file, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        int little = Integer.reverseBytes(big);
        return big == PCAPNG_SECTION || big == PCAP_MICROS || big == PCAP_NANOS || little == PCAP_MICROS || little == PCAP_NANOS;
    }

    /** The packets of a pcap or pcapng file. */
    public static List<LinkPacket> read(byte[] file) throws CaptureFormatException {
        List<LinkPacket> packets = new ArrayList<>();
        read(file, packets);
        return packets;
    }

    /**
     * Adds the packets of a pcap or pcapng file to {@code packets} in order; on a malformed packet, those
     * before it stay in {@code packets} and the exception names the packet.
     */
    public static void read(byte[] file, List<LinkPacket> packets) throws CaptureFormatException {
        if (file.length < 4) {
            throw new CaptureFormatException(0, Phrase.of("capture.too-short", file.length));
        }
        int big = ByteBuffer.wrap(file, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if (big == PCAPNG_SECTION) {
            readPcapng(ByteBuffer.wrap(file), packets);
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        if (big == PCAP_MICROS || big == PCAP_NANOS) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (Integer.reverseBytes(big) == PCAP_MICROS || Integer.reverseBytes(big) == PCAP_NANOS) {
            in.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            throw new CaptureFormatException(0, Phrase.of("capture.not-pcap", String.format("%08x", big)));
        }
        readPcap(in, packets);
    }

    private static void readPcap(ByteBuffer in, List<LinkPacket> packets) throws CaptureFormatException {
        if (in.remaining() < 24) {
            throw new CaptureFormatException(0, Phrase.of("capture.pcap-header-truncated"));
        }
        in.position(20);
        int linkType = in.getInt() & 0xffff;
        long number = 0;
        while (in.hasRemaining()) {
            number++;
            if (number > MAX_PACKETS) {
                throw new CaptureFormatException(number, Phrase.of("capture.too-many-packets", MAX_PACKETS));
            }
            if (in.remaining() < 16) {
                throw new CaptureFormatException(number, Phrase.of("capture.record-header-truncated", in.remaining()));
            }
            in.position(in.position() + 8);
            long included = Integer.toUnsignedLong(in.getInt());
            in.getInt();
            if (included > MAX_PACKET) {
                throw new CaptureFormatException(number, Phrase.of("capture.packet-too-big", included, MAX_PACKET));
            }
            if (included > in.remaining()) {
                throw new CaptureFormatException(number, Phrase.of("capture.record-truncated", included, in.remaining()));
            }
            byte[] data = new byte[(int) included];
            in.get(data);
            packets.add(new LinkPacket(number, linkType, data));
        }
    }

    private static void readPcapng(ByteBuffer in, List<LinkPacket> packets) throws CaptureFormatException {
        Map<Integer, Integer> interfaces = new HashMap<>();
        long number = 0;
        while (in.hasRemaining()) {
            int start = in.position();
            if (in.remaining() < 12) {
                throw new CaptureFormatException(number + 1, Phrase.of("capture.block-header-truncated"));
            }
            int type = in.getInt();
            if (type == PCAPNG_SECTION || Integer.reverseBytes(type) == PCAPNG_SECTION) {
                in.order(ByteOrder.BIG_ENDIAN);
                int magic = in.getInt(start + 8);
                if (magic == PCAPNG_BYTE_ORDER) {
                    in.order(ByteOrder.BIG_ENDIAN);
                } else if (Integer.reverseBytes(magic) == PCAPNG_BYTE_ORDER) {
                    in.order(ByteOrder.LITTLE_ENDIAN);
                } else {
                    throw new CaptureFormatException(number + 1, Phrase.of("capture.unknown-byte-order"));
                }
                interfaces.clear();
                type = PCAPNG_SECTION;
            }
            long length = Integer.toUnsignedLong(in.getInt(start + 4));
            if (length < 12 || length % 4 != 0 || length > MAX_BLOCK) {
                throw new CaptureFormatException(number + 1, Phrase.of("capture.block-length", length, MAX_BLOCK));
            }
            if (length > in.limit() - start) {
                throw new CaptureFormatException(number + 1, Phrase.of("capture.block-truncated", length, in.limit() - start));
            }
            ByteBuffer body = in.duplicate().order(in.order()).position(start + 8).limit(start + (int) length - 4);
            switch (type) {
                case 1 -> {
                    if (body.remaining() < 8) {
                        throw new CaptureFormatException(number + 1, Phrase.of("capture.idb-too-short"));
                    }
                    interfaces.put(interfaces.size(), body.getShort() & 0xffff);
                }
                case 6 -> {
                    number++;
                    packets.add(enhanced(body, number, interfaces));
                }
                case 3 -> {
                    number++;
                    packets.add(simple(body, number, interfaces));
                }
                default -> { }
            }
            if (number > MAX_PACKETS) {
                throw new CaptureFormatException(number, Phrase.of("capture.too-many-packets", MAX_PACKETS));
            }
            in.position(start + (int) length);
        }
    }

    private static LinkPacket enhanced(ByteBuffer body, long number, Map<Integer, Integer> interfaces)
            throws CaptureFormatException {
        if (body.remaining() < 20) {
            throw new CaptureFormatException(number, Phrase.of("capture.epb-too-short"));
        }
        int id = body.getInt();
        body.position(body.position() + 8);
        long captured = Integer.toUnsignedLong(body.getInt());
        body.getInt();
        Integer linkType = interfaces.get(id);
        if (linkType == null) {
            throw new CaptureFormatException(number, Phrase.of("capture.unknown-interface", Integer.toUnsignedString(id)));
        }
        return copy(body, captured, number, linkType);
    }

    private static LinkPacket simple(ByteBuffer body, long number, Map<Integer, Integer> interfaces)
            throws CaptureFormatException {
        if (body.remaining() < 4 || !interfaces.containsKey(0)) {
            throw new CaptureFormatException(number, Phrase.of("capture.spb-without-interface"));
        }
        long original = Integer.toUnsignedLong(body.getInt());
        return copy(body, Math.min(original, body.remaining()), number, interfaces.get(0));
    }

    private static LinkPacket copy(ByteBuffer body, long captured, long number, int linkType) throws CaptureFormatException {
        if (captured > MAX_PACKET) {
            throw new CaptureFormatException(number, Phrase.of("capture.packet-too-big", captured, MAX_PACKET));
        }
        if (captured > body.remaining()) {
            throw new CaptureFormatException(number, Phrase.of("capture.captured-length", captured));
        }
        byte[] data = new byte[(int) captured];
        body.get(data);
        return new LinkPacket(number, linkType, data);
    }
}
