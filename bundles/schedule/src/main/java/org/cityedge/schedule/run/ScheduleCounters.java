package org.cityedge.schedule.run;

import java.util.concurrent.atomic.AtomicLong;

/** What the schedule did and what went wrong, for the log and the tests; printed as {@code name=value} pairs. */
public final class ScheduleCounters {

    final AtomicLong installed = new AtomicLong();
    final AtomicLong refusedReplayed = new AtomicLong();
    final AtomicLong refusedInvalid = new AtomicLong();
    final AtomicLong storeFailures = new AtomicLong();
    final AtomicLong storedRejected = new AtomicLong();
    final AtomicLong claimsPlaced = new AtomicLong();
    final AtomicLong claimFailures = new AtomicLong();
    final AtomicLong releases = new AtomicLong();
    final AtomicLong clockJumps = new AtomicLong();
    final AtomicLong tickFailures = new AtomicLong();

    public long installed() {
        return installed.get();
    }

    public long refusedReplayed() {
        return refusedReplayed.get();
    }

    public long refusedInvalid() {
        return refusedInvalid.get();
    }

    public long storeFailures() {
        return storeFailures.get();
    }

    /** Stored schedules not run at start: unreadable, invalid or refused by the verifier. */
    public long storedRejected() {
        return storedRejected.get();
    }

    public long claimsPlaced() {
        return claimsPlaced.get();
    }

    public long claimFailures() {
        return claimFailures.get();
    }

    public long releases() {
        return releases.get();
    }

    public long clockJumps() {
        return clockJumps.get();
    }

    public long tickFailures() {
        return tickFailures.get();
    }

    @Override
    public String toString() {
        return "installed=" + installed + " refused_replayed=" + refusedReplayed + " refused_invalid="
                + refusedInvalid + " store_failures=" + storeFailures + " stored_rejected=" + storedRejected
                + " claims=" + claimsPlaced + " claim_failures=" + claimFailures + " releases=" + releases
                + " clock_jumps=" + clockJumps + " tick_failures=" + tickFailures;
    }
}
