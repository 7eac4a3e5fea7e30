package org.cityedge.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Gap and duplicate accounting over the sequenced messages (telemetry, event, health) the IOC received, as an IOC
 * integrator would do it: every number from the first to the last must have arrived at least once.
 */
record SequenceReport(long messages, long first, long last, int distinct, List<Long> missing) {

    static SequenceReport of(Collection<IocMessage> received) {
        TreeSet<Long> seqs = new TreeSet<>();
        long count = 0;
        for (IocMessage m : received) {
            if (m.sequenced() && m.seq() >= 0) {
                seqs.add(m.seq());
                count++;
            }
        }
        if (seqs.isEmpty()) {
            return new SequenceReport(0, -1, -1, 0, List.of());
        }
        List<Long> missing = new ArrayList<>();
        for (long s = seqs.first(); s <= seqs.last(); s++) {
            if (!seqs.contains(s)) {
                missing.add(s);
            }
        }
        return new SequenceReport(count, seqs.first(), seqs.last(), seqs.size(), List.copyOf(missing));
    }

    long duplicates() {
        return messages - distinct;
    }

    double duplicatePercent() {
        return messages == 0 ? 0 : 100.0 * duplicates() / messages;
    }

    String summary() {
        return String.format(java.util.Locale.ROOT, "%d messages, seq %d..%d, %d gaps, duplicates %d (%.2f %%)",
                messages, first, last, missing.size(), duplicates(), duplicatePercent());
    }

    /** The missing numbers, at most the first 50 (a long outage could make thousands). */
    String missingSample() {
        return missing.subList(0, Math.min(50, missing.size())).toString();
    }
}
