package org.cityedge.field.support;

import org.slf4j.Logger;

/**
 * Logs a failure for as long as it lasts without flooding: the first failure at once, then at most once per interval
 * with the number of failures since the last line, and one line when it recovers.
 */
public final class ThrottledLog {

    private final Logger log;
    private final String subject;
    private final long intervalMs;
    private final String recovery;
    private boolean failing;
    private long failingSince;
    private long lastLogged;
    private long unlogged;

    public ThrottledLog(Logger log, String subject, long intervalMs, String recovery) {
        this.log = log;
        this.subject = subject;
        this.intervalMs = intervalMs;
        this.recovery = recovery;
    }

    public synchronized void failure(String what, long now) {
        if (!failing) {
            failing = true;
            failingSince = now;
            lastLogged = now;
            unlogged = 0;
            log.warn("{}: {}", subject, what);
            return;
        }
        unlogged++;
        if (now - lastLogged >= intervalMs) {
            log.warn("{}: still failing for {} s, {} failures since the last report; last: {}", subject,
                    (now - failingSince) / 1000, unlogged, what);
            lastLogged = now;
            unlogged = 0;
        }
    }

    public synchronized void recovered(long now) {
        if (failing) {
            failing = false;
            log.info("{}: {} after {} ms of failures", subject, recovery, now - failingSince);
        }
    }
}
