package org.cityedge.control.command;

/**
 * How much the command journal keeps: entries older than {@code maxAgeMs} go, then the oldest beyond
 * {@code maxEntries}, then the oldest until the replies take at most {@code maxBytes}.
 */
record JournalLimits(int maxEntries, long maxAgeMs, long maxBytes) {

    static final JournalLimits DEFAULTS = new JournalLimits(10_000, 7L * 24 * 3600 * 1000, 16L * 1024 * 1024);

    JournalLimits {
        maxEntries = Math.max(1, maxEntries);
        maxAgeMs = Math.max(1, maxAgeMs);
        maxBytes = Math.max(1024, maxBytes);
    }
}
