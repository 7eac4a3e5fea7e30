package org.cityedge.aqi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.model.Sample;

/**
 * Cost of the index on a busy gateway: 500 AQM-6 stations polled every 10 s (6 pollutants and the status bits a
 * poll), for 14 simulated hours. Reports ingest throughput on one thread, the time to close an hour for every
 * station, and the heap a station holds. Run: see bundles/aqi/README.md; the last line is name=value pairs.
 */
public final class AqiBenchmark {

    private static final long HOUR = 3_600_000;

    public static void main(String[] args) {
        int stations = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 14;
        long pollMs = 10_000;
        Instant start = Instant.parse("2026-11-22T17:00:00Z");
        MutableClock clock = new MutableClock(start);
        TestSite site = new TestSite("Asia/Ho_Chi_Minh", stations);
        AtomicLong emitted = new AtomicLong();
        long heapBefore = usedHeap();
        AqiEngine engine = new AqiEngine(clock, new SiteStations(() -> site), AqiSettings.DEFAULT,
                batch -> emitted.addAndGet(batch.size()));

        long ingestNanos = 0;
        long samples = 0;
        long closeNanos = 0;
        for (int h = 0; h < hours; h++) {
            for (long t = start.toEpochMilli() + h * HOUR; t < start.toEpochMilli() + (h + 1) * HOUR; t += pollMs) {
                clock.set(Instant.ofEpochMilli(t));
                List<List<Sample>> polls = polls(stations, t, h);
                long t0 = System.nanoTime();
                for (List<Sample> poll : polls) {
                    engine.accept(poll);
                }
                ingestNanos += System.nanoTime() - t0;
                samples += (long) stations * polls.get(0).size();
            }
            clock.set(Instant.ofEpochMilli(start.toEpochMilli() + (h + 1) * HOUR + 61_000));
            long t0 = System.nanoTime();
            engine.tick();
            if (h >= 2) { // first hours warm the JIT
                closeNanos += System.nanoTime() - t0;
            }
        }
        long heapAfter = usedHeap();
        AqiCounters counters = engine.counters();
        System.out.printf(Locale.ROOT,
                "stations=%d hours=%d poll_s=%d samples=%d ingest_samples_per_s=%.0f close_hour_ms=%.2f"
                        + " derived_samples=%d rejected=%d heap_per_station_bytes=%d%n",
                stations, hours, pollMs / 1000, samples, samples / (ingestNanos / 1e9),
                closeNanos / 1e6 / Math.max(1, hours - 2), emitted.get(), counters.rejectedTotal(),
                Math.max(0, (heapAfter - heapBefore) / stations));
    }

    private static List<List<Sample>> polls(int stations, long t, int hour) {
        List<List<Sample>> polls = new ArrayList<>(stations);
        for (int i = 0; i < stations; i++) {
            String id = "aq-bench-" + i;
            double base = 20 + (i % 17) + hour;
            polls.add(List.of(Sample.good(id, "pm25", base, "ug/m3", t),
                    Sample.good(id, "pm10", base * 1.6, "ug/m3", t),
                    Sample.good(id, "co", base * 80, "ug/m3", t),
                    Sample.good(id, "no2", base * 2, "ug/m3", t),
                    Sample.good(id, "so2", base, "ug/m3", t),
                    Sample.good(id, "o3", base * 3, "ug/m3", t),
                    Sample.good(id, "temperature", 29.5, "Cel", t),
                    Sample.good(id, "pmSensorFailure", false, "", t),
                    Sample.good(id, "gasSensorFailure", false, "", t)));
        }
        return polls;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
