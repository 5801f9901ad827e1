package org.parley.lab.inspect;

import java.util.ArrayList;
import java.util.List;

/** The terminal form of an {@link Inspection}: one header line per frame, indented details, notes last. */
public final class TextReport {
    private TextReport() {
    }

    public static List<String> lines(Inspection inspection) {
        List<String> lines = new ArrayList<>();
        for (InspectedFrame f : inspection.frames()) {
            lines.add(String.format("#%d  connection %d  %s  type 0x%02x  %d bytes  %s", f.number(), f.frame().connection(),
                    f.frame().direction().arrow(), f.frame().type(), f.frame().payloadLength(), f.title()));
            for (Detail d : f.details()) {
                lines.add("    " + (d.check() == Mark.NONE ? "" : d.check().mark() + " ") + d.text());
            }
        }
        long passed = inspection.frames().stream().flatMap(f -> f.details().stream()).filter(d -> d.check() == Mark.PASS).count();
        long failed = inspection.frames().stream().flatMap(f -> f.details().stream()).filter(d -> d.check() == Mark.FAIL).count();
        lines.add(String.format("%d frames; checks: %d ✔, %d ✘%s", inspection.frames().size(), passed, failed,
                inspection.keyLogGiven() ? "" : " (no key log: records shown as ciphertext)"));
        inspection.notes().forEach(note -> lines.add("note: " + note));
        return lines;
    }
}
