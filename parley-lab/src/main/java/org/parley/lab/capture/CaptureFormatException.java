package org.parley.lab.capture;

/**
 * A capture file that cannot be read: which packet (1-based; 0 for the file header) and why. Reported to
 * the user as is; never carries packet contents.
 */
public final class CaptureFormatException extends Exception {
    private final long packet;

    public CaptureFormatException(long packet, String reason) {
        super(packet == 0 ? "capture header: " + reason : "packet " + packet + ": " + reason);
        this.packet = packet;
    }

    /** The packet (1-based) the problem was found in; 0 for the file header. */
    public long packet() {
        return packet;
    }
}
