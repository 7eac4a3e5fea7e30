package org.cityedge.modbus.internal.engine;

import org.cityedge.api.profile.PollClass;

/**
 * Tuning of the Modbus engine. The OSGi component fills it from ConfigAdmin; tests and benchmarks build it directly,
 * starting from {@link #defaults()}.
 *
 * @param fastPeriodMs          period of FAST points
 * @param normalPeriodMs        period of NORMAL points
 * @param slowPeriodMs          period of SLOW points
 * @param offlineAfterFailures  consecutive unanswered polls after which a device is OFFLINE
 * @param backoffInitialMs      first retry delay of an OFFLINE device, or of a bus that cannot be opened
 * @param backoffCapMs          longest retry delay (the delay doubles up to it)
 * @param workerThreads         threads shared by all TCP endpoints (each serial port has its own thread)
 * @param staggerMs             window over which the first polls of all devices are spread
 * @param extraInterFrameDelayMs silence added between frames on every bus, on top of bus and profile delays
 * @param tcpRequestCostBytes   planner cost of one TCP request, in bytes (round trip and headers)
 * @param rtuTurnaroundMs       planner: typical time a device takes to start its reply
 * @param errorLogIntervalMs    while a failure lasts, it is logged again at most this often (with the count)
 * @param blockReads            true: merge points into block reads; false: one request per point (baseline)
 */
public record EngineConfig(long fastPeriodMs, long normalPeriodMs, long slowPeriodMs, int offlineAfterFailures,
        long backoffInitialMs, long backoffCapMs, int workerThreads, long staggerMs, int extraInterFrameDelayMs,
        double tcpRequestCostBytes, double rtuTurnaroundMs, long errorLogIntervalMs, boolean blockReads) {

    public EngineConfig {
        if (fastPeriodMs < 1 || normalPeriodMs < 1 || slowPeriodMs < 1) {
            throw new IllegalArgumentException("poll periods must be >= 1 ms");
        }
        offlineAfterFailures = Math.max(1, offlineAfterFailures);
        backoffInitialMs = Math.max(1, backoffInitialMs);
        backoffCapMs = Math.max(backoffInitialMs, backoffCapMs);
        workerThreads = Math.max(1, workerThreads);
        staggerMs = Math.max(0, staggerMs);
        extraInterFrameDelayMs = Math.max(0, extraInterFrameDelayMs);
        tcpRequestCostBytes = Math.max(0, tcpRequestCostBytes);
        rtuTurnaroundMs = Math.max(0, rtuTurnaroundMs);
        errorLogIntervalMs = Math.max(1000, errorLogIntervalMs);
    }

    /** Fast 1 s, normal 10 s, slow 60 s; offline after 3 misses; backoff 1 s doubling to 60 s; 4 TCP workers. */
    public static EngineConfig defaults() {
        return new EngineConfig(1000, 10_000, 60_000, 3, 1000, 60_000, 4, 1000, 0, 100, 2, 60_000, true);
    }

    public long period(PollClass pollClass) {
        return switch (pollClass) {
            case FAST -> fastPeriodMs;
            case NORMAL -> normalPeriodMs;
            case SLOW -> slowPeriodMs;
        };
    }

    public EngineConfig withPeriods(long fast, long normal, long slow) {
        return new EngineConfig(fast, normal, slow, offlineAfterFailures, backoffInitialMs, backoffCapMs,
                workerThreads, staggerMs, extraInterFrameDelayMs, tcpRequestCostBytes, rtuTurnaroundMs,
                errorLogIntervalMs, blockReads);
    }

    public EngineConfig withBackoff(int offlineAfter, long initialMs, long capMs) {
        return new EngineConfig(fastPeriodMs, normalPeriodMs, slowPeriodMs, offlineAfter, initialMs, capMs,
                workerThreads, staggerMs, extraInterFrameDelayMs, tcpRequestCostBytes, rtuTurnaroundMs,
                errorLogIntervalMs, blockReads);
    }

    public EngineConfig withWorkers(int threads, long stagger) {
        return new EngineConfig(fastPeriodMs, normalPeriodMs, slowPeriodMs, offlineAfterFailures, backoffInitialMs,
                backoffCapMs, threads, stagger, extraInterFrameDelayMs, tcpRequestCostBytes, rtuTurnaroundMs,
                errorLogIntervalMs, blockReads);
    }

    public EngineConfig withBlockReads(boolean block) {
        return new EngineConfig(fastPeriodMs, normalPeriodMs, slowPeriodMs, offlineAfterFailures, backoffInitialMs,
                backoffCapMs, workerThreads, staggerMs, extraInterFrameDelayMs, tcpRequestCostBytes, rtuTurnaroundMs,
                errorLogIntervalMs, block);
    }
}
