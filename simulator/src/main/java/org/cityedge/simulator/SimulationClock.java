package org.cityedge.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ticks every device model at a fixed real-time interval, advancing simulation time by the real time elapsed times
 * the speed factor. A tick never covers more than {@link #MAX_REAL_STEP} of real time, so a stalled JVM (GC, a
 * suspended laptop) does not make energy counters jump.
 */
final class SimulationClock {

    static final Duration MAX_REAL_STEP = Duration.ofSeconds(1);
    /** {@link #advance} splits a jump into at most this many ticks. */
    static final int MAX_ADVANCE_STEPS = 1000;

    private final Collection<SimulatedDevice> devices;
    private final Duration interval;
    private final double speed;
    private Instant now;
    private long lastNanos;
    private ScheduledExecutorService scheduler;

    SimulationClock(Collection<SimulatedDevice> devices, Instant start, Duration interval, double speed) {
        this.devices = devices;
        this.now = start;
        this.interval = interval;
        this.speed = speed;
    }

    synchronized void start() {
        lastNanos = System.nanoTime();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-clock");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::tick, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    synchronized Instant now() {
        return now;
    }

    private synchronized void tick() {
        long t = System.nanoTime();
        long real = Math.min(t - lastNanos, MAX_REAL_STEP.toNanos());
        lastNanos = t;
        step(real * speed / 1e9);
    }

    /** Advances simulation time by {@code d} at once (in bounded steps), on top of the running clock. */
    synchronized void advance(Duration d) {
        double total = d.toNanos() / 1e9;
        if (total <= 0) {
            return;
        }
        double stepSeconds = Math.max(interval.toNanos() / 1e9, total / MAX_ADVANCE_STEPS);
        double done = 0;
        while (done < total) {
            double dt = Math.min(stepSeconds, total - done);
            step(dt);
            done += dt;
        }
    }

    private void step(double seconds) {
        now = now.plusNanos(Math.round(seconds * 1e9));
        for (SimulatedDevice d : devices) {
            d.model().tick(now, seconds);
        }
    }
}
