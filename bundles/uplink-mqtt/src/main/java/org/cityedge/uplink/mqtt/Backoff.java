package org.cityedge.uplink.mqtt;

import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [min, min(max, min * 2^n)]. Thousands of
 * gateways that lost the broker together come back spread out instead of in one wave.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final LongUnaryOperator random; // bound -> uniform in [0, bound)
    private int failures;

    Backoff(long minMillis, long maxMillis, LongUnaryOperator random) {
        if (minMillis <= 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + minMillis + ", " + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The wait before the next try. */
    long next() {
        long ceiling = failures >= 30 ? maxMillis : Math.min(maxMillis, minMillis << failures);
        failures++;
        return minMillis + random.applyAsLong(ceiling - minMillis + 1);
    }

    void reset() {
        failures = 0;
    }
}
