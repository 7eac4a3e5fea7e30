package org.cityedge.console.live;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.cityedge.api.model.Sample;

/**
 * The latest sample of every point and its last {@link #DEPTH} numeric values, for the console's live table and
 * sparklines. Bounded: at most {@link #MAX_POINTS} points (a new point beyond that is not kept and is counted,
 * after points not heard of for {@link #STALE_MS} are let go), each with two primitive rings, so the memory is
 * known in advance (about 0.6 KiB a numeric point). Fed on poller threads: a few field writes under the point's
 * own lock, nothing else.
 */
public final class ReadingHistory {

    public static final int DEPTH = 32;
    public static final int MAX_POINTS = 4096;
    static final long STALE_MS = 10 * 60_000L;
    private static final long PRUNE_INTERVAL_MS = 60_000L;

    /** A point's latest sample and its recent numeric values, oldest first. */
    public record Reading(Sample latest, long[] times, double[] values) {
    }

    private static final class Slot {
        Sample latest;
        long[] times;
        double[] values;
        int head;   // next write position
        int count;

        synchronized void add(Sample s) {
            if (latest != null && s.timestamp() < latest.timestamp()) {
                return; // late delivery: the newer value stays
            }
            boolean repeat = latest != null && s.timestamp() == latest.timestamp();
            latest = s;
            if (repeat || !(s.value() instanceof Number n)) {
                return;
            }
            if (times == null) {
                times = new long[DEPTH];
                values = new double[DEPTH];
            }
            times[head] = s.timestamp();
            values[head] = n.doubleValue();
            head = (head + 1) % DEPTH;
            count = Math.min(DEPTH, count + 1);
        }

        synchronized Reading snapshot() {
            long[] t = new long[count];
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                int at = (head - count + i + DEPTH) % DEPTH;
                t[i] = times[at];
                v[i] = values[at];
            }
            return new Reading(latest, t, v);
        }

        synchronized long lastTime() {
            return latest == null ? 0 : latest.timestamp();
        }
    }

    private final LongSupplier clock;
    private final Map<String, Map<String, Slot>> devices = new ConcurrentHashMap<>();
    private final AtomicInteger points = new AtomicInteger();
    private final AtomicLong refusedPoints = new AtomicLong();
    private volatile long lastPrune;

    public ReadingHistory(LongSupplier clock) {
        this.clock = clock;
    }

    /** Keeps a batch (a {@code SampleSink} hands it over as it comes). */
    public void accept(List<Sample> samples) {
        for (Sample s : samples) {
            Slot slot = slot(s.deviceId(), s.point());
            if (slot != null) {
                slot.add(s);
            }
        }
    }

    /** The device's points (in no particular order); empty when nothing was heard of it. */
    public Map<String, Reading> device(String deviceId) {
        Map<String, Slot> slots = devices.get(deviceId);
        Map<String, Reading> out = new HashMap<>();
        if (slots != null) {
            slots.forEach((point, slot) -> out.put(point, slot.snapshot()));
        }
        return out;
    }

    /** Lets go of the devices that are not on the site any more. */
    public synchronized void retainDevices(Set<String> deviceIds) {
        devices.keySet().removeIf(id -> {
            if (deviceIds.contains(id)) {
                return false;
            }
            Map<String, Slot> gone = devices.get(id);
            points.addAndGet(-(gone == null ? 0 : gone.size()));
            return true;
        });
    }

    /** Points held. */
    public int points() {
        return points.get();
    }

    /** Samples of new points not kept because the table was full. */
    public long refusedPoints() {
        return refusedPoints.get();
    }

    private Slot slot(String deviceId, String point) {
        Map<String, Slot> slots = devices.get(deviceId);
        Slot existing = slots == null ? null : slots.get(point);
        return existing != null ? existing : newSlot(deviceId, point);
    }

    /** New points are rare (start, site changes): they, pruning and retaining share one lock. */
    private synchronized Slot newSlot(String deviceId, String point) {
        Map<String, Slot> slots = devices.get(deviceId);
        Slot existing = slots == null ? null : slots.get(point);
        if (existing != null) {
            return existing;
        }
        if (points.get() >= MAX_POINTS) {
            pruneStale();
            if (points.get() >= MAX_POINTS) {
                refusedPoints.incrementAndGet();
                return null;
            }
        }
        Slot slot = new Slot();
        devices.computeIfAbsent(deviceId, d -> new ConcurrentHashMap<>()).put(point, slot);
        points.incrementAndGet();
        return slot;
    }

    /** At most once a minute, and only when full: drops points not heard of for a while. */
    private void pruneStale() {
        long now = clock.getAsLong();
        if (now - lastPrune < PRUNE_INTERVAL_MS) {
            return;
        }
        lastPrune = now;
        for (Map<String, Slot> slots : devices.values()) {
            slots.values().removeIf(slot -> {
                boolean stale = now - slot.lastTime() > STALE_MS;
                if (stale) {
                    points.decrementAndGet();
                }
                return stale;
            });
        }
        devices.values().removeIf(Map::isEmpty);
    }
}
