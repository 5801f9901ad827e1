package org.parley.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Delivery latencies in microseconds, recorded from any thread without locks: 256 exact buckets
 * below 256 µs, then 128 buckets per power of two, so a percentile is reported within 0.8 % (always
 * rounded up to its bucket's upper edge, never down). Values above about 2^40 µs are clamped.
 */
public final class LatencyHistogram {
    private static final int LINEAR = 256;
    private static final int HALF = LINEAR / 2;
    private static final int MAX_SHIFT = 33;
    private final AtomicLongArray counts = new AtomicLongArray(LINEAR + MAX_SHIFT * HALF);

    public void record(long micros) {
        counts.incrementAndGet(index(Math.max(0, micros)));
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The smallest bucket edge at or below which {@code fraction} of the values lie; 0 when empty. */
    public long percentile(double fraction) {
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in (0, 1]");
        }
        long total = count();
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= wanted) {
                return upperEdge(i);
            }
        }
        return upperEdge(counts.length() - 1);
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int shift = Math.min(MAX_SHIFT, 63 - Long.numberOfLeadingZeros(micros) - 7);
        long top = Math.min(LINEAR - 1, micros >>> shift);
        return LINEAR + (shift - 1) * HALF + (int) (top - HALF);
    }

    static long upperEdge(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / HALF + 1;
        long top = (index - LINEAR) % HALF + HALF;
        return ((top + 1) << shift) - 1;
    }
}
