package org.cityedge.rules.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The engine's counters since start, for the status and the log. Written by the engine thread mostly. */
public final class EngineStats {

    final AtomicLong samples = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong batchesDropped = new AtomicLong();
    final AtomicLong evaluations = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong unevaluable = new AtomicLong();
    final AtomicLong activations = new AtomicLong();
    final AtomicLong deactivations = new AtomicLong();
    final AtomicLong claimFailures = new AtomicLong();
    final AtomicLong eventsDropped = new AtomicLong();
    final AtomicReference<String> lastError = new AtomicReference<>();

    /** A copy of the counters. */
    public Snapshot snapshot() {
        return new Snapshot(samples.get(), batches.get(), batchesDropped.get(), evaluations.get(), errors.get(),
                timeouts.get(), unevaluable.get(), activations.get(), deactivations.get(), claimFailures.get(),
                eventsDropped.get(), lastError.get());
    }

    /**
     * @param evaluations conditions evaluated (including those that failed)
     * @param errors      evaluations that failed with an error (type, arithmetic, non-boolean result)
     * @param timeouts    evaluations cancelled or overrunning the time limit
     * @param unevaluable evaluations skipped because a value was missing or BAD
     * @param lastError   the last evaluation failure, for people
     */
    public record Snapshot(long samples, long batches, long batchesDropped, long evaluations, long errors,
            long timeouts, long unevaluable, long activations, long deactivations, long claimFailures,
            long eventsDropped, String lastError) {
    }

    /** Counts a batch refused because the engine's queue was full. */
    void dropped() {
        batchesDropped.incrementAndGet();
    }
}
