package org.cityedge.modbus.internal.engine;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Engine-wide counters, for the benchmark and the health view. */
public final class EngineCounters {

    /** A routine poll that starts more than 1/10 of its period after its slot is late. */
    public static final int LATE_FRACTION = 10;

    final LongAdder polls = new LongAdder();
    final LongAdder overruns = new LongAdder();
    final LongAdder backedOff = new LongAdder();
    final LongAdder samples = new LongAdder();
    final LongAdder sinkFailures = new LongAdder();
    final LongAdder lateStarts = new LongAdder();
    final LongAdder startLagMicros = new LongAdder();
    final LongAccumulator maxStartLagMicros = new LongAccumulator(Math::max, 0);

    /** A routine poll started {@code lagNanos} after its slot; late beyond a tenth of its period. */
    void pollStarted(long lagNanos, long periodNanos) {
        long lag = Math.max(0, lagNanos);
        startLagMicros.add(lag / 1000);
        maxStartLagMicros.accumulate(lag / 1000);
        if (lag > periodNanos / LATE_FRACTION) {
            lateStarts.increment();
        }
    }

    /** Polls run (one per device and poll class and period). */
    public long polls() {
        return polls.sum();
    }

    /** Polls skipped because the previous poll of the same points was still queued: the bus cannot keep up. */
    public long overruns() {
        return overruns.sum();
    }

    /** Polls skipped because the device is OFFLINE and waits for its retry. */
    public long backedOff() {
        return backedOff.sum();
    }

    /** Samples handed to the sink. */
    public long samples() {
        return samples.sum();
    }

    /** Batches the sink threw on. */
    public long sinkFailures() {
        return sinkFailures.sum();
    }

    /** Routine polls that started more than 1/{@value #LATE_FRACTION} of their period after their slot (queued
     * behind other work, or the scheduler was late). Skipped polls are counted in {@link #overruns()} instead. */
    public long lateStarts() {
        return lateStarts.sum();
    }

    /** Sum over routine polls of how long each started after its slot, in microseconds; divided by the routine polls
     * ({@link #polls()} less on-demand reads) it gives the mean. */
    public long startLagMicros() {
        return startLagMicros.sum();
    }

    /** Longest time a routine poll started after its slot, in microseconds, since the engine started. */
    public long maxStartLagMicros() {
        return maxStartLagMicros.get();
    }
}
