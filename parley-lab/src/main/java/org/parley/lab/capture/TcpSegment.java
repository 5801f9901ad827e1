package org.parley.lab.capture;

/**
 * One TCP segment taken out of a captured packet.
 *
 * @param packet the packet's 1-based number in the capture
 * @param source the sender as {@code address:port} ({@code [address]:port} for IPv6)
 * @param destination the receiver, same form
 * @param sequence the segment's sequence number (unsigned 32 bits)
 * @param syn whether SYN is set; {@code ack} whether ACK is set; {@code fin} or {@code rst} whether the sender is done
 * @param payload the segment's data; the array is owned by this record
 */
public record TcpSegment(long packet, String source, String destination, long sequence, boolean syn, boolean ack,
        boolean fin, boolean rst, byte[] payload) {
}
