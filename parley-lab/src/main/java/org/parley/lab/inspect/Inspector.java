package org.parley.lab.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.lab.Phrase;
import org.parley.lab.capture.Capture;

/** Explains every frame of a capture, connection by connection, with the key log if one is given. */
public final class Inspector {
    private Inspector() {
    }

    public static Inspection inspect(Capture capture, Optional<KeyLog> keyLog) {
        Map<Integer, ConnectionInspector> connections = new HashMap<>();
        List<InspectedFrame> frames = new ArrayList<>();
        for (int i = 0; i < capture.frames().size(); i++) {
            var frame = capture.frames().get(i);
            frames.add(connections.computeIfAbsent(frame.connection(), c -> new ConnectionInspector(keyLog)).explain(i, frame));
        }
        List<Phrase> notes = new ArrayList<>(capture.notes());
        keyLog.filter(log -> log.size() == 0).ifPresent(log -> notes.add(Phrase.of("inspect.keylog.empty")));
        return new Inspection(frames, notes, keyLog.isPresent());
    }
}
