package org.parley.lab.inspect;

import java.util.ArrayList;
import java.util.List;
import org.parley.lab.LabText;

/**
 * The terminal form of an {@link Inspection}: one header line per frame, indented details, notes last. The
 * frame lines, details and summary follow the language; field names stay the protocol's own.
 */
public final class TextReport {
    private TextReport() {
    }

    public static List<String> lines(Inspection inspection, LabText text) {
        List<String> lines = new ArrayList<>();
        for (InspectedFrame f : inspection.frames()) {
            lines.add(text.get("inspect.frame", String.valueOf(f.number()), String.valueOf(f.frame().connection()),
                    f.frame().direction().arrow(), String.format("0x%02x", f.frame().type()),
                    String.valueOf(f.frame().payloadLength()), text.say(f.title())));
            for (Detail d : f.details()) {
                lines.add("    " + (d.check() == Mark.NONE ? "" : d.check().mark() + " ") + text.say(d.text()));
            }
        }
        long passed = inspection.frames().stream().flatMap(f -> f.details().stream()).filter(d -> d.check() == Mark.PASS).count();
        long failed = inspection.frames().stream().flatMap(f -> f.details().stream()).filter(d -> d.check() == Mark.FAIL).count();
        lines.add(text.get("inspect.checks", String.valueOf(inspection.frames().size()), String.valueOf(passed),
                String.valueOf(failed)) + (inspection.keyLogGiven() ? "" : text.get("inspect.nokeys")));
        inspection.notes().forEach(note -> lines.add(text.get("inspect.note", text.say(note))));
        return lines;
    }
}
