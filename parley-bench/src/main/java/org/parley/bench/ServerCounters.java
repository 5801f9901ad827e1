package org.parley.bench;

import java.util.Map;

/**
 * Counters a server under test exposes, read before and after each fan-out step so that the step
 * reports what changed (for Parley, its refusals by rate-limit bucket from the metrics endpoint:
 * which bound refused). Servers without such counters report none.
 */
@FunctionalInterface
public interface ServerCounters {

    /** The counters now, by name; empty when there are none or they cannot be read. */
    Map<String, Long> read();

    /** No counters (the peers, or a Parley server started without its metrics endpoint). */
    static ServerCounters none() {
        return Map::of;
    }
}
