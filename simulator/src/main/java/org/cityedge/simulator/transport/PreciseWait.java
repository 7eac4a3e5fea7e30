package org.cityedge.simulator.transport;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a {@link System#nanoTime()} deadline to well under a millisecond: parks until about a millisecond
 * before (the scheduler is not more precise than that), then spins. Never returns early.
 */
public final class PreciseWait {

    private static final long SPIN_NANOS = 1_000_000;

    private PreciseWait() {
    }

    public static void until(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(remaining - SPIN_NANOS);
        }
        while (deadlineNanos - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }
}
