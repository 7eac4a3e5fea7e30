package org.cityedge.bench;

/**
 * What one engine configuration achieved on the bus.
 *
 * @param cycles            poll cycles measured (after warm-up)
 * @param cycleNanos        mean time to read every point of every device once
 * @param requestsPerCycle  requests the plans send per cycle
 * @param boundNanos        wire-time lower bound of one cycle's requests
 * @param masterGapNanos    mean time per request from the reply's end to the next request's arrival, less the
 *                          3.5-character silence the master must keep (the gateway's own overhead)
 * @param simOvershootNanos mean time per request the simulator answered later than its wire time
 * @param errors            failed transactions during the run (timeouts, CRC, ...)
 */
record CycleResult(double cycles, double cycleNanos, int requestsPerCycle, double boundNanos, double masterGapNanos,
        double simOvershootNanos, long errors) {

    double cycleMs() {
        return cycleNanos / 1e6;
    }

    double boundMs() {
        return boundNanos / 1e6;
    }

    double efficiency() {
        return boundNanos / cycleNanos;
    }
}
