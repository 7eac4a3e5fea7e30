package org.cityedge.cabinet.io.internal.engine;

/**
 * A level counts only once it has held for {@code holdMs}: contact bounce and short glitches on long cabinet wires
 * never reach the samples or the alarms. Fed by the scan with its own clock, so tests step time by hand.
 */
final class Debouncer {

    private final long holdMs;
    private Boolean stable;
    private Boolean candidate;
    private long since;

    Debouncer(long holdMs) {
        this.holdMs = Math.max(0, holdMs);
    }

    /** Feeds one reading; true when the stable level changed (or was established for the first time). */
    boolean update(boolean level, long now) {
        if (candidate == null || candidate != level) {
            candidate = level;
            since = now;
        }
        if (!candidate.equals(stable) && now - since >= holdMs) {
            stable = candidate;
            return true;
        }
        return false;
    }

    /** The debounced level, or null until a level has held once. */
    Boolean stable() {
        return stable;
    }
}
