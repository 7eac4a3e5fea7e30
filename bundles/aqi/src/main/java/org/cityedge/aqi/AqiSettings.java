package org.cityedge.aqi;

/**
 * How the engine runs.
 *
 * @param closeDelayMs    how long after a full hour its samples may still arrive before the hour is closed
 * @param minCoverageSlots 5-minute slots of the hour (of 12) that must hold a good reading for a valid 1 h average
 * @param liveIntervalMs  how often a live estimate over the hour so far is published; 0 = never
 */
record AqiSettings(long closeDelayMs, int minCoverageSlots, long liveIntervalMs) {

    static final AqiSettings DEFAULT = new AqiSettings(60_000, 9, 0);

    AqiSettings {
        if (closeDelayMs < 0 || closeDelayMs >= HourGrid.HOUR_MS) {
            throw new IllegalArgumentException("closeDelayMs must be 0 to under an hour, was " + closeDelayMs);
        }
        if (minCoverageSlots < 1 || minCoverageSlots > HourBucket.SLOTS) {
            throw new IllegalArgumentException("minCoverageSlots must be 1-12, was " + minCoverageSlots);
        }
        if (liveIntervalMs < 0) {
            throw new IllegalArgumentException("liveIntervalMs must be >= 0, was " + liveIntervalMs);
        }
    }

    /** Slots needed for a coverage in percent: 75 % of 12 slots is 9; anything from 0 % needs one reading. */
    static int slotsFor(int coveragePercent) {
        return Math.max(1, (int) Math.ceil(HourBucket.SLOTS * coveragePercent / 100.0));
    }
}
