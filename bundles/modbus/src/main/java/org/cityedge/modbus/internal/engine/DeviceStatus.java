package org.cityedge.modbus.internal.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;

/**
 * A device's communication health and its retry backoff. A poll in which the device answered at least once makes it
 * ONLINE (DEGRADED if some request failed); a poll without any answer counts towards OFFLINE, after which the device
 * is only retried after a delay that doubles up to the cap.
 */
final class DeviceStatus {

    private final String deviceId;
    private final String busId;
    private final int offlineAfter;
    private final long backoffInitialMs;
    private final long backoffCapMs;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder transactions = new LongAdder();
    private volatile long lastSeen;
    private volatile long responseMicros;
    private DeviceState state = DeviceState.UNKNOWN;
    private int consecutiveFailures;
    private long backoffMs;
    private long nextRetryAt;

    DeviceStatus(String deviceId, String busId, EngineConfig config) {
        this.deviceId = deviceId;
        this.busId = busId;
        this.offlineAfter = config.offlineAfterFailures();
        this.backoffInitialMs = config.backoffInitialMs();
        this.backoffCapMs = config.backoffCapMs();
    }

    /** A transaction the device answered correctly. */
    void answered(long micros, long now) {
        transactions.increment();
        responseMicros = micros;
        lastSeen = now;
    }

    /** A failed transaction, counted by kind. */
    void failed(String counterKey) {
        transactions.increment();
        errors.computeIfAbsent(counterKey, k -> new LongAdder()).increment();
    }

    /** The outcome of a whole poll; returns the new state. */
    synchronized DeviceState pollEnded(boolean deviceAnswered, boolean anyFailure, long now) {
        if (deviceAnswered) {
            consecutiveFailures = 0;
            backoffMs = 0;
            nextRetryAt = 0;
            state = anyFailure ? DeviceState.DEGRADED : DeviceState.ONLINE;
        } else {
            consecutiveFailures++;
            if (consecutiveFailures >= offlineAfter) {
                state = DeviceState.OFFLINE;
                backoffMs = backoffMs == 0 ? backoffInitialMs : Math.min(backoffCapMs, backoffMs * 2);
                nextRetryAt = now + backoffMs;
            } else {
                state = DeviceState.DEGRADED;
            }
        }
        return state;
    }

    /** False while an OFFLINE device waits for its next retry. */
    synchronized boolean mayPoll(long now) {
        return state != DeviceState.OFFLINE || now >= nextRetryAt;
    }

    /** Retry at the next chance (its bus just came back). */
    synchronized void retrySoon() {
        nextRetryAt = 0;
        backoffMs = 0;
    }

    synchronized DeviceState state() {
        return state;
    }

    long transactions() {
        return transactions.sum();
    }

    DeviceHealth snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((k, v) -> counts.put(k, v.sum()));
        return new DeviceHealth(deviceId, busId, state(), lastSeen, responseMicros, transactions.sum(), counts);
    }
}
