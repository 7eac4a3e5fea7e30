package org.cityedge.rules.engine;

import java.util.HashMap;
import java.util.Map;

/** At most one log line per key and minute, so a rule failing on every sample cannot flood the log. */
final class LogLimiter {

    private static final long PERIOD_MS = 60_000;
    private final Map<String, Long> last = new HashMap<>();

    synchronized boolean allow(String key, long now) {
        Long previous = last.get(key);
        if (previous != null && now - previous < PERIOD_MS) {
            return false;
        }
        if (last.size() > 1000) {
            last.clear();
        }
        last.put(key, now);
        return true;
    }
}
