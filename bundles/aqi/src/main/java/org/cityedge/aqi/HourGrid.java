package org.cityedge.aqi;

import java.time.Instant;
import java.time.ZoneId;

/** Clock hours of the site's time zone, as epoch milliseconds (hours start on the local full hour). */
record HourGrid(ZoneId zone) {

    static final long HOUR_MS = 3_600_000;

    /** Start of the local hour holding {@code epochMs}. */
    long start(long epochMs) {
        long offsetMs = zone.getRules().getOffset(Instant.ofEpochMilli(epochMs)).getTotalSeconds() * 1000L;
        return Math.floorDiv(epochMs + offsetMs, HOUR_MS) * HOUR_MS - offsetMs;
    }

    /** Start of the hour after the one starting at {@code hourStart}. */
    long next(long hourStart) {
        long next = start(hourStart + HOUR_MS);
        return next > hourStart ? next : hourStart + HOUR_MS; // guards odd daylight-saving steps
    }
}
