package org.parley.lab.inspect;

import java.util.List;
import org.parley.lab.Phrase;

/** Everything {@code parley inspect} found: the frames explained and notes on what was skipped. */
public record Inspection(List<InspectedFrame> frames, List<Phrase> notes, boolean keyLogGiven) {
    public Inspection {
        frames = List.copyOf(frames);
        notes = List.copyOf(notes);
    }
}
