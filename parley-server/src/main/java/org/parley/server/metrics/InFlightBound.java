package org.parley.server.metrics;

/**
 * The bound of one connection's requests in flight that paused its reads or refused its request
 * (docs/OPERATIONS.md, "Metrics"): the label of {@code parley_in_flight_pauses_total} and
 * {@code parley_in_flight_refusals_total}. Each refusal is also one
 * {@code parley_rate_limited_total{bucket="in_flight"}}.
 */
public enum InFlightBound {
    /** The connection had more requests in flight than its window allows. */
    COUNT,
    /** The bodies of the connection's requests in flight passed the connection's bound in bytes. */
    BYTES
}
