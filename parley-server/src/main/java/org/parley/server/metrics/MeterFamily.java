package org.parley.server.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one name, one per label value, created on first use and then reused, with a cap:
 * past {@code max} distinct values every new value is counted under {@value #OTHER}. The values
 * come from the code (suite and request names), so the cap is a second line of defence that keeps
 * the number of series bounded even if a caller one day passed something open-ended.
 *
 * @param <M> the meter type
 */
final class MeterFamily<M> {
    static final String OTHER = "other";
    private final ConcurrentHashMap<String, M> meters = new ConcurrentHashMap<>();
    private final Function<String, M> create;
    private final int max;

    MeterFamily(int max, Function<String, M> create) {
        this.max = max;
        this.create = create;
    }

    /**
     * The meter of {@code label}; the shared "other" meter once {@code max} labels exist. A new
     * label is added under the lock, so threads racing past the size check cannot add more than
     * {@code max} (reads of existing meters take no lock).
     */
    M of(String label) {
        M meter = meters.get(label);
        if (meter != null) {
            return meter;
        }
        synchronized (this) {
            meter = meters.get(label);
            if (meter != null) {
                return meter;
            }
            return meters.computeIfAbsent(meters.size() >= max ? OTHER : label, create);
        }
    }
}
