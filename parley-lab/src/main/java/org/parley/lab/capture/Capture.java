package org.parley.lab.capture;

import java.util.List;
import org.parley.lab.Phrase;
import org.parley.lab.net.CapturedFrame;

/**
 * What a capture holds for Parley: its frames in capture order, and notes on everything that was
 * skipped or could not be read (which packet or connection, and why).
 */
public record Capture(List<CapturedFrame> frames, List<Phrase> notes) {
    public Capture {
        frames = List.copyOf(frames);
        notes = List.copyOf(notes);
    }
}
