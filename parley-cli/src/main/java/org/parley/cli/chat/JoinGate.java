package org.parley.cli.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps docs/CLI.md's promise that a room's {@code joined} comes before its history. The server
 * pushes the history right after its answer to the join, and the two reach the view on different
 * threads (the answer through the controller, the pushes through the session listener), so while
 * a join is on its way the room's messages are held here and shown right after {@code joined}.
 *
 * <p>Everything is shown under this object's lock, so nothing of the room can slip in between the
 * held messages and {@code joined}.
 */
final class JoinGate {
    private final Map<String, List<Runnable>> held = new HashMap<>();

    /** A join of {@code room} is about to be sent: hold its messages until {@link #opened}. */
    synchronized void joining(String room) {
        held.putIfAbsent(key(room), new ArrayList<>());
    }

    /** Shows a message of {@code room} now, or after {@code joined} if the room's join is on its way. */
    synchronized void show(String room, Runnable message) {
        List<Runnable> waiting = held.get(key(room));
        if (waiting != null) {
            waiting.add(message);
        } else {
            message.run();
        }
    }

    /**
     * The join's answer (or its failure) is here: shows {@code joined} and then what was held.
     * Does nothing but {@code joined} for a room whose join was not held.
     */
    synchronized void opened(String room, Runnable joined) {
        joined.run();
        List<Runnable> waiting = held.remove(key(room));
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    private static String key(String room) {
        return room.toLowerCase(Locale.ROOT);
    }
}
