package org.cityedge.modbus.internal.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;

/** Keeps every batch, and lets a test wait (bounded) for one that matches. */
public final class CollectingSink implements SampleSink {

    private final List<List<Sample>> batches = new ArrayList<>();

    @Override
    public synchronized void accept(List<Sample> samples) {
        batches.add(List.copyOf(samples));
        notifyAll();
    }

    public synchronized List<List<Sample>> batches() {
        return new ArrayList<>(batches);
    }

    /** The first batch, from now on or already received, that matches; fails after the timeout. */
    public List<Sample> await(String what, long timeoutMs, Predicate<List<Sample>> match)
            throws InterruptedException {
        return await(what, timeoutMs, 0, match);
    }

    /** Like {@link #await(String, long, Predicate)}, looking only at batches from index {@code from} on. */
    public synchronized List<Sample> await(String what, long timeoutMs, int from, Predicate<List<Sample>> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int seen = from;
        while (true) {
            for (; seen < batches.size(); seen++) {
                if (match.test(batches.get(seen))) {
                    return batches.get(seen);
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("no batch with " + what + " within " + timeoutMs + " ms; last batches: "
                        + batches.subList(Math.max(0, batches.size() - 3), batches.size()));
            }
            wait(left);
        }
    }

    /** A batch of the device in which every sample is GOOD. */
    public static Predicate<List<Sample>> allGood(String deviceId) {
        return b -> !b.isEmpty() && b.get(0).deviceId().equals(deviceId)
                && b.stream().allMatch(s -> s.quality() == org.cityedge.api.model.Quality.GOOD);
    }

    public static Predicate<List<Sample>> of(String deviceId, String point) {
        return b -> !b.isEmpty() && b.get(0).deviceId().equals(deviceId)
                && b.stream().anyMatch(s -> s.point().equals(point));
    }

    public static Optional<Sample> find(List<Sample> batch, String point) {
        return batch.stream().filter(s -> s.point().equals(point)).findFirst();
    }

    public static Map<String, Object> values(List<Sample> batch) {
        Map<String, Object> values = new java.util.TreeMap<>();
        batch.forEach(s -> values.put(s.point(), s.value()));
        return values;
    }
}
