package org.parley.lab.capture;

/**
 * One captured packet as the capture file holds it, before any header is removed.
 *
 * @param number 1-based position in the file
 * @param linkType the LINKTYPE_ value of its interface (1 Ethernet, 113 Linux cooked, 0 BSD loopback, ...)
 * @param data the captured bytes (possibly cut at the snapshot length); the array is owned by this record
 */
public record LinkPacket(long number, int linkType, byte[] data) {
}
