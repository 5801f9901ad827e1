package org.parley.lab.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.parley.lab.Phrase;

/**
 * Takes the TCP segment out of a captured packet: link layer (Ethernet with 802.1Q tags, Linux
 * cooked v1 and v2, BSD loopback, raw IP), then IPv4 or IPv6 (common extension headers skipped),
 * then TCP. A packet that is not TCP is no segment ({@code Optional.empty()}); a packet whose
 * headers are cut or inconsistent is a {@link CaptureFormatException} naming the packet. IP
 * fragments are reported, not reassembled (Parley's frames never need them on a real network).
 */
public final class PacketDecoder {
    private static final int ETHERNET = 1;
    private static final int NULL_LOOPBACK = 0;
    private static final int RAW = 101;
    private static final int RAW_OLD = 12;
    private static final int LOOP = 108;
    private static final int LINUX_SLL = 113;
    private static final int IPV4 = 228;
    private static final int IPV6 = 229;
    private static final int LINUX_SLL2 = 276;

    private PacketDecoder() {
    }

    public static Optional<TcpSegment> decode(LinkPacket packet) throws CaptureFormatException {
        byte[] d = packet.data();
        long n = packet.number();
        return switch (packet.linkType()) {
            case ETHERNET -> ethernet(d, n);
            case LINUX_SLL -> byEtherType(d, 16, u16(d, 14, n), n);
            case LINUX_SLL2 -> byEtherType(d, 20, u16(d, 0, n), n);
            case NULL_LOOPBACK, LOOP -> loopback(d, n);
            case RAW, RAW_OLD, IPV4, IPV6 -> ip(d, 0, n);
            default -> throw new CaptureFormatException(n, Phrase.of("capture.link-type", packet.linkType()));
        };
    }

    private static Optional<TcpSegment> ethernet(byte[] d, long n) throws CaptureFormatException {
        int at = 12;
        int type = u16(d, at, n);
        while (type == 0x8100 || type == 0x88a8) {
            at += 4;
            type = u16(d, at, n);
        }
        return byEtherType(d, at + 2, type, n);
    }

    private static Optional<TcpSegment> byEtherType(byte[] d, int at, int etherType, long n) throws CaptureFormatException {
        return etherType == 0x0800 || etherType == 0x86dd ? ip(d, at, n) : Optional.empty();
    }

    private static Optional<TcpSegment> loopback(byte[] d, long n) throws CaptureFormatException {
        need(d, 4, n, "@capture.part.loopback-header");
        // The family is in the capturing host's byte order: 2 is IPv4; 24, 28 and 30 are IPv6 on the BSDs.
        return ip(d, 4, n);
    }

    private static Optional<TcpSegment> ip(byte[] d, int at, long n) throws CaptureFormatException {
        need(d, at + 1, n, "@capture.part.ip-header");
        return switch ((d[at] & 0xff) >>> 4) {
            case 4 -> ipv4(d, at, n);
            case 6 -> ipv6(d, at, n);
            default -> throw new CaptureFormatException(n, Phrase.of("capture.ip-version", (d[at] & 0xff) >>> 4));
        };
    }

    private static Optional<TcpSegment> ipv4(byte[] d, int at, long n) throws CaptureFormatException {
        need(d, at + 20, n, "@capture.part.ipv4-header");
        int headerLength = (d[at] & 0x0f) * 4;
        int total = u16(d, at + 2, n);
        if (headerLength < 20 || total < headerLength) {
            throw new CaptureFormatException(n, Phrase.of("capture.ipv4-lengths", headerLength, total));
        }
        if ((u16(d, at + 6, n) & 0x3fff) != 0) {
            throw new CaptureFormatException(n, Phrase.of("capture.fragment", "IPv4"));
        }
        if ((d[at + 9] & 0xff) != 6) {
            return Optional.empty();
        }
        need(d, at + total, n, "@capture.part.ipv4-packet");
        return tcp(d, at + headerLength, at + total, address(d, at + 12, 4), address(d, at + 16, 4), n);
    }

    private static Optional<TcpSegment> ipv6(byte[] d, int at, long n) throws CaptureFormatException {
        need(d, at + 40, n, "@capture.part.ipv6-header");
        int end = at + 40 + u16(d, at + 4, n);
        need(d, end, n, "@capture.part.ipv6-packet");
        int next = d[at + 6] & 0xff;
        int header = at + 40;
        while (next == 0 || next == 43 || next == 60) {
            need(d, header + 2, n, "@capture.part.ipv6-extension");
            next = d[header] & 0xff;
            header += ((d[header + 1] & 0xff) + 1) * 8;
        }
        if (next == 44) {
            throw new CaptureFormatException(n, Phrase.of("capture.fragment", "IPv6"));
        }
        if (next != 6) {
            return Optional.empty();
        }
        return tcp(d, header, end, "[" + address(d, at + 8, 16) + "]", "[" + address(d, at + 24, 16) + "]", n);
    }

    private static Optional<TcpSegment> tcp(byte[] d, int at, int end, String from, String to, long n)
            throws CaptureFormatException {
        need(d, at + 20, n, "@capture.part.tcp-header");
        int offset = ((d[at + 12] & 0xff) >>> 4) * 4;
        if (offset < 20 || at + offset > end) {
            throw new CaptureFormatException(n, Phrase.of("capture.tcp-offset", offset));
        }
        int flags = d[at + 13] & 0xff;
        long sequence = ((long) u16(d, at + 4, n) << 16) | u16(d, at + 6, n);
        return Optional.of(new TcpSegment(n, from + ":" + u16(d, at, n), to + ":" + u16(d, at + 2, n), sequence,
                (flags & 0x02) != 0, (flags & 0x10) != 0, (flags & 0x01) != 0, (flags & 0x04) != 0,
                Arrays.copyOfRange(d, at + offset, end)));
    }

    private static String address(byte[] d, int at, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(d, at, at + length)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    private static int u16(byte[] d, int at, long n) throws CaptureFormatException {
        need(d, at + 2, n, "@capture.part.header");
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static void need(byte[] d, int end, long n, String what) throws CaptureFormatException {
        if (end > d.length || end < 0) {
            throw new CaptureFormatException(n, Phrase.of("capture.part-truncated", what, d.length));
        }
    }
}
