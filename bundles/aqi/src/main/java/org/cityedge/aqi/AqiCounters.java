package org.cityedge.aqi;

import java.util.Map;

/**
 * What the engine did since it started.
 *
 * @param accepted        pollutant readings that went into an hourly average
 * @param rejected        readings left out, by reason
 * @param hoursClosed     clock hours closed
 * @param samplesEmitted  derived samples handed to the other sinks
 */
record AqiCounters(long accepted, Map<Rejection, Long> rejected, long hoursClosed, long samplesEmitted) {

    AqiCounters {
        rejected = Map.copyOf(rejected);
    }

    long rejected(Rejection why) {
        return rejected.getOrDefault(why, 0L);
    }

    long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
