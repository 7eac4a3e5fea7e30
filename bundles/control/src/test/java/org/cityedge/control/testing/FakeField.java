package org.cityedge.control.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;

/**
 * A field driver in memory: a write sets the device's value and reads it back. Writes can fail per device, be held
 * until released, or complete later on another thread; overlapping writes of one point are counted.
 */
public final class FakeField implements FieldDevices {

    private final Set<String> ids;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Deque<Runnable> held = new ArrayDeque<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile boolean holding;
    private volatile Executor later;

    public FakeField(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    @Override
    public Set<String> deviceIds() {
        return ids;
    }

    /** Writes of this device fail with this error from now on (null: succeed again). */
    public void failWrites(String deviceId, String error) {
        if (error == null) {
            failing.remove(deviceId);
        } else {
            failing.put(deviceId, error);
        }
    }

    /** Writes stay pending until {@link #releaseOne()}. */
    public void hold(boolean on) {
        holding = on;
    }

    /** Writes complete on this executor instead of the caller's thread. */
    public void completeOn(Executor executor) {
        later = executor;
    }

    /** Completes the oldest held write; false when none is held. */
    public boolean releaseOne() {
        Runnable r;
        synchronized (held) {
            r = held.poll();
        }
        if (r == null) {
            return false;
        }
        r.run();
        return true;
    }

    public int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    /** The device changes a value by itself (a reboot into its default, a technician at the pole). */
    public void set(String deviceId, String point, Object value) {
        values.put(deviceId + "." + point, value);
    }

    public Object value(String deviceId, String point) {
        return values.get(deviceId + "." + point);
    }

    /** Every write asked for, as {@code device.point=value}, in order. */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public int maxInFlightPerPoint() {
        return maxInFlight.get();
    }

    @Override
    public CompletionStage<WriteResult> write(String deviceId, String point, Object value) {
        String key = deviceId + "." + point;
        synchronized (this) {
            writes.add(key + "=" + value);
        }
        int now = inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        Runnable complete = () -> {
            inFlight.get(key).decrementAndGet();
            String error = failing.get(deviceId);
            if (error != null) {
                result.complete(new WriteResult(deviceId, point, value, null, false, error));
            } else {
                values.put(key, value);
                result.complete(new WriteResult(deviceId, point, value, value, true, null));
            }
        };
        if (holding) {
            synchronized (held) {
                held.add(complete);
            }
        } else if (later != null) {
            later.execute(complete);
        } else {
            complete.run();
        }
        return result;
    }

    @Override
    public CompletionStage<List<Sample>> readNow(String deviceId) {
        if (!ids.contains(deviceId)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no device " + deviceId));
        }
        long now = System.currentTimeMillis();
        List<Sample> samples = new ArrayList<>();
        values.forEach((key, value) -> {
            if (key.startsWith(deviceId + ".")) {
                samples.add(Sample.good(deviceId, key.substring(deviceId.length() + 1), value, "", now));
            }
        });
        samples.add(Sample.bad(deviceId, "voltage", "V", now, "timeout"));
        return CompletableFuture.completedFuture(samples);
    }

    @Override
    public List<DeviceHealth> health() {
        return ids.stream().sorted().map(id -> new DeviceHealth(id, "rs485-1", DeviceState.ONLINE, 1000, 12_000, 42,
                Map.of("timeout", 1L))).toList();
    }
}
