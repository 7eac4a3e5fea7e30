package org.cityedge.coap.internal.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;

/**
 * A CoAP device's communication health, as the Modbus driver keeps it: an answer makes it ONLINE (DEGRADED when the
 * answer was unusable), {@code offlineAfter} failures in a row make it OFFLINE.
 */
public final class DeviceStatus {

    private final String deviceId;
    private final String busId;
    private final int offlineAfter;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder transactions = new LongAdder();
    private volatile long lastSeen;
    private volatile long responseMicros;
    private final long createdMs = System.currentTimeMillis();
    private boolean silent;
    private DeviceState state = DeviceState.UNKNOWN;
    private int consecutiveFailures;

    public DeviceStatus(String deviceId, String busId, int offlineAfter) {
        this.deviceId = deviceId;
        this.busId = busId;
        this.offlineAfter = Math.max(1, offlineAfter);
    }

    /** A good answer (a response or a notification). */
    public synchronized void answered(long micros, long now) {
        transactions.increment();
        responseMicros = micros;
        lastSeen = now;
        consecutiveFailures = 0;
        silent = false;
        state = DeviceState.ONLINE;
    }

    /** The device answered, but with something unusable (error code, bad payload). */
    public synchronized void answeredBadly(String reason, long now) {
        transactions.increment();
        count(reason);
        lastSeen = now;
        consecutiveFailures = 0;
        silent = false;
        state = DeviceState.DEGRADED;
    }

    /** No usable answer (timeout, handshake failure); returns the new state. */
    public synchronized DeviceState failed(String reason) {
        transactions.increment();
        count(reason);
        consecutiveFailures++;
        state = consecutiveFailures >= offlineAfter ? DeviceState.OFFLINE : DeviceState.DEGRADED;
        return state;
    }

    /** The device cannot be reached at all by configuration (no key, plain refused): OFFLINE at once. */
    public synchronized void refused(String reason) {
        count(reason);
        state = DeviceState.OFFLINE;
    }

    /**
     * For a device that speaks on its own (a push node): when nothing good came from it since {@code cutoff} (nor
     * since it was added), it becomes OFFLINE and counts {@code silent}. True once per silence, so that the caller
     * republishes its values once; the next good answer ends the silence.
     */
    public synchronized boolean silentSince(long cutoff) {
        if (silent || Math.max(lastSeen, createdMs) >= cutoff) {
            return false;
        }
        silent = true;
        count("silent");
        state = DeviceState.OFFLINE;
        return true;
    }

    /** Counts an event that does not change the state (observeRefused, ignored records). */
    public void count(String reason) {
        errors.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    public synchronized DeviceState state() {
        return state;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    public DeviceHealth snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((k, v) -> counts.put(k, v.sum()));
        return new DeviceHealth(deviceId, busId, state(), lastSeen, responseMicros, transactions.sum(), counts);
    }
}
