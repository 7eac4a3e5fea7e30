package org.cityedge.control.arbiter;

/**
 * Tuning of the arbiter.
 *
 * @param driftGraceMs      how long a device may report another value than the effective one before it is
 *                          rewritten (covers polls that were under way while a write happened)
 * @param driftMaxRewrites  rewrites in a row after which the arbiter stops fighting the device and raises
 *                          {@code controlNotHeld}, until the device holds a value again or a new value is set
 * @param driftBackoffCapMs longest wait between two rewrites of one point (the wait doubles from the grace)
 * @param writeTimeoutMs    a write the driver has not answered by then counts as failed
 */
public record ArbiterSettings(long driftGraceMs, int driftMaxRewrites, long driftBackoffCapMs, long writeTimeoutMs) {

    public static final ArbiterSettings DEFAULTS = new ArbiterSettings(10_000, 5, 600_000, 30_000);

    public ArbiterSettings {
        driftGraceMs = Math.max(0, driftGraceMs);
        driftMaxRewrites = Math.max(0, driftMaxRewrites);
        driftBackoffCapMs = Math.max(driftGraceMs, driftBackoffCapMs);
        writeTimeoutMs = Math.max(1, writeTimeoutMs);
    }

    /** Wait after the {@code n}th rewrite in a row: the grace doubled n times, capped. */
    long backoffAfter(int n) {
        long wait = Math.max(1, driftGraceMs);
        for (int i = 0; i < n && wait < driftBackoffCapMs; i++) {
            wait *= 2;
        }
        return Math.min(wait, driftBackoffCapMs);
    }
}
