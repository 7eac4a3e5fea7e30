package org.cityedge.console.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the console listens. {@code always}: whenever it is enabled. {@code on-demand}: only after a
 * wake-up - the cabinet door opening, or {@code cityedge provision} on the gateway touching the wake file - and
 * until {@code idleMinutes} pass without a request. A web server that is not running costs no threads and no
 * buffers: the gateway's idle memory stays within its budget on the nights nobody commissions anything.
 */
public final class ListenDemand {

    private static final Logger LOG = LoggerFactory.getLogger(ListenDemand.class);

    private final LongSupplier clock;
    private final Path wakeFile;
    private final Runnable onChange;
    private volatile boolean always;
    private volatile long idleMillis = 30 * 60_000L;
    /** End of the idle time (0: asleep). Changed by compare-and-set only, so an expiry never eats a request's touch. */
    private final AtomicLong awakeUntil = new AtomicLong();
    private long wakeFileSeen;

    /**
     * @param wakeFile a file whose modification wakes the console (touched by the CLI on the gateway)
     * @param onChange called, outside any lock of this class, when listening starts or stops
     */
    public ListenDemand(LongSupplier clock, Path wakeFile, Runnable onChange) {
        this.clock = clock;
        this.wakeFile = wakeFile;
        this.onChange = onChange;
        this.wakeFileSeen = modified(wakeFile); // a wake-up from before this start is not a request now
    }

    public void configure(boolean listenAlways, int idleMinutes) {
        always = listenAlways;
        idleMillis = Math.max(1, idleMinutes) * 60_000L;
    }

    public boolean listening() {
        return always || clock.getAsLong() < awakeUntil.get();
    }

    public boolean always() {
        return always;
    }

    /** Starts listening (or keeps listening) for the idle time from now. */
    public void wake(String why) {
        long now = clock.getAsLong();
        long before = awakeUntil.getAndSet(now + idleMillis);
        if (!always && now >= before) {
            LOG.info("console: listening on demand ({}) until {} min without a request", why, idleMillis / 60_000);
            onChange.run();
        }
    }

    /** A request arrived: the technician is still there. */
    public void touch() {
        if (always) {
            return;
        }
        long now = clock.getAsLong();
        awakeUntil.getAndUpdate(until -> now < until ? Math.max(until, now + idleMillis) : until);
    }

    /** Called periodically: notices the wake file and the end of the idle time. */
    public void check() {
        long m = modified(wakeFile);
        boolean woken;
        synchronized (this) {
            woken = m != 0 && m != wakeFileSeen;
            wakeFileSeen = m;
        }
        if (woken) {
            wake("woken through " + wakeFile);
            return;
        }
        if (always) {
            return;
        }
        long until = awakeUntil.get();
        // the clock after reading the deadline: a touch in between makes the compare-and-set fail
        if (until != 0 && clock.getAsLong() >= until && awakeUntil.compareAndSet(until, 0)) {
            LOG.info("console: {} min without a request: stopped listening (wake it by opening the cabinet door or"
                    + " running cityedge provision on the gateway)", idleMillis / 60_000);
            onChange.run();
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
