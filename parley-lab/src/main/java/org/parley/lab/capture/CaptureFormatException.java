package org.parley.lab.capture;

import java.util.Locale;
import org.parley.lab.LabText;
import org.parley.lab.Phrase;

/**
 * A capture file that cannot be read: which packet (1-based; 0 for the file header) and why. Reported to
 * the user as is (in English by {@link #getMessage}, in any language by {@link #phrase}); never carries
 * packet contents.
 */
public final class CaptureFormatException extends Exception {
    private final long packet;
    private final Phrase reason;
    private final Phrase phrase;

    /** A reason from the lab bundles ({@code capture.*} keys), translatable. */
    public CaptureFormatException(long packet, Phrase reason) {
        this(packet, reason, Phrase.of(packet == 0 ? "capture.header" : "capture.packet", packet, reason.nested()));
    }

    private CaptureFormatException(long packet, Phrase reason, Phrase phrase) {
        super(LabText.forLocale(Locale.ROOT).say(phrase));
        this.packet = packet;
        this.reason = reason;
        this.phrase = phrase;
    }

    /** The packet (1-based) the problem was found in; 0 for the file header. */
    public long packet() {
        return packet;
    }

    /** Why, without the packet, as a phrase of the lab bundles. */
    public Phrase reason() {
        return reason;
    }

    /** The whole message (packet and reason) as a phrase of the lab bundles. */
    public Phrase phrase() {
        return phrase;
    }
}
