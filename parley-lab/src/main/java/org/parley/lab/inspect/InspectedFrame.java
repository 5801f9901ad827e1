package org.parley.lab.inspect;

import java.util.List;
import org.parley.lab.Phrase;
import org.parley.lab.net.CapturedFrame;

/**
 * One frame explained: its place in the capture, a one-line title (the message or record it carries)
 * and the detail lines under it.
 */
public record InspectedFrame(int number, CapturedFrame frame, Phrase title, List<Detail> details) {
    public InspectedFrame {
        details = List.copyOf(details);
    }
}
