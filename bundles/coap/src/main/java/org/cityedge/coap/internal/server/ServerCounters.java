package org.cityedge.coap.internal.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.californium.scandium.DtlsHealth;
import org.eclipse.californium.scandium.DtlsHealthExtended2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of the push server: refusals of unknown senders by reason (known devices count in their own health), packs
 * accepted, and DTLS handshakes that failed. Scandium reports a wrong pre-shared key as a MAC error on the peer's
 * Finished record (the handshake itself only expires later), so both count as handshake failures.
 */
public final class ServerCounters implements DtlsHealth, DtlsHealthExtended2 {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCounters.class);

    private final Map<String, LongAdder> unknown = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> logged = new ConcurrentHashMap<>();
    final LongAdder accepted = new LongAdder();
    final LongAdder handshakeFailures = new LongAdder();
    final LongAdder handshakes = new LongAdder();

    /**
     * A refusal of a sender that is not a push node. Counted and throttled by reason only: the id it gave is
     * sender-controlled, so keying anything by it would let a peer grow the maps without bound.
     */
    void refusedUnknown(String reason, String detail) {
        unknown.computeIfAbsent(reason, k -> new LongAdder()).increment();
        logThrottled("an unknown sender", reason, detail);
    }

    /**
     * Logs a refusal at its 1st, 2nd, 4th, 8th ... occurrence per (who, reason): visible, never a flood. {@code who}
     * must come from a bounded set (a push node of the site, or a fixed label), never from the request.
     */
    void logThrottled(String who, String reason, String detail) {
        LongAdder n = logged.computeIfAbsent(who + "|" + reason, k -> new LongAdder());
        n.increment();
        long count = n.sum();
        if (Long.bitCount(count) == 1) {
            LOG.warn("CoAP server: refused {} from {} ({} so far): {}", reason, who, count, detail);
        }
    }

    /** Refusals of senders that are not push nodes of the site, by reason. */
    public Map<String, Long> unknownRefusals() {
        Map<String, Long> out = new TreeMap<>();
        unknown.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** How many (who, reason) pairs the refusal log throttles: stays small whatever senders send. */
    int throttledKinds() {
        return logged.size();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long handshakeFailures() {
        return handshakeFailures.sum();
    }

    @Override
    public void dump(String tag, int maxConnections, int remainingCapacity, int maxQueue) {
        // nothing to dump: counters are read through the driver's health
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public void startHandshake() {
        handshakes.increment();
    }

    @Override
    public void endHandshake(boolean success) {
        if (!success) {
            handshakeFailures.increment();
            logThrottled("DTLS peer", "handshakeFailed", "wrong or unknown pre-shared key, or a broken client");
        }
    }

    @Override
    public void receivingMacError() {
        handshakeFailures.increment();
        logThrottled("DTLS peer", "macError", "record failed its MAC check: wrong pre-shared key?");
    }

    @Override
    public void setPendingIncomingJobs(int jobs) {
    }

    @Override
    public void setPendingOutgoingJobs(int jobs) {
    }

    @Override
    public void setPendingHandshakeJobs(int jobs) {
    }

    @Override
    public void receivingRecord(boolean dropped) {
    }

    @Override
    public void sendingRecord(boolean dropped) {
    }
}
