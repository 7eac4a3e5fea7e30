package org.cityedge.bench;

import java.util.List;

import org.cityedge.simulator.Transaction;
import org.cityedge.simulator.WireTiming;

/**
 * Where a cycle's time goes, from the simulator's record of consecutive transactions: the wire time each needed
 * (its bound), how much later the simulator answered than that, and how long the master took from one reply to
 * its next request beyond the 3.5-character silence it has to keep.
 *
 * @param boundPerCycleNanos wire-time bound of the last {@code requestsPerCycle} answered transactions
 * @param masterGapNanos     mean (next request's arrival - reply written - silence) over consecutive pairs
 * @param simOvershootNanos  mean (reply written - request arrived - bound) per transaction
 */
record WireAccount(double boundPerCycleNanos, double masterGapNanos, double simOvershootNanos) {

    static WireAccount of(List<Transaction> transactions, int requestsPerCycle) {
        List<Transaction> answered = transactions.stream().filter(t -> t.timing() != null).toList();
        if (answered.isEmpty()) {
            throw new IllegalStateException("the simulator recorded no answered transaction");
        }
        List<Transaction> lastCycle = answered.subList(Math.max(0, answered.size() - requestsPerCycle),
                answered.size());
        double bound = lastCycle.stream().mapToLong(WireAccount::boundNanos).sum()
                * (requestsPerCycle / (double) lastCycle.size());
        double gaps = 0;
        int pairs = 0;
        double overshoot = 0;
        for (int i = 0; i < answered.size(); i++) {
            Transaction t = answered.get(i);
            overshoot += t.measuredNanos() - t.timing().boundNanos();
            if (i + 1 < answered.size()) {
                gaps += answered.get(i + 1).receivedNanos() - t.repliedNanos() - t.timing().silenceNanos();
                pairs++;
            }
        }
        return new WireAccount(bound, pairs == 0 ? 0 : gaps / pairs, overshoot / answered.size());
    }

    /** One transaction's least time on a back-to-back bus: the simulator's bound plus the silence before the next
     * request. */
    static long boundNanos(Transaction t) {
        WireTiming w = t.timing();
        return w.boundNanos() + w.silenceNanos();
    }
}
