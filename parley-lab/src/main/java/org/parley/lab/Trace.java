package org.parley.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.parley.lab.net.CapturedFrame;

/**
 * The narrated steps of one scenario run, appended from the scenario's thread and the proxy's
 * threads (hence synchronised), read once the run is over.
 */
public final class Trace {
    private final List<Step> steps = new ArrayList<>();
    private final List<CapturedFrame> captured = new ArrayList<>();

    /** Appends a line; {@code args} are turned into strings now. */
    public synchronized void add(Actor actor, String key, Object... args) {
        steps.add(new Step(actor, key, Arrays.stream(args).map(String::valueOf).toList()));
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Keeps what the attacker's proxy captured, for {@code --record}. */
    public synchronized void captured(List<CapturedFrame> frames) {
        captured.addAll(frames);
    }

    /** Every frame the attacker captured during the run, in order. */
    public synchronized List<CapturedFrame> captured() {
        return List.copyOf(captured);
    }
}
