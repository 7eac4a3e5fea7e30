package org.cityedge.schedule.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine on one thread: it wakes at the next step, and at least every {@code maxSleep}, because a
 * gateway's clock is often set right by NTP after boot and a sleep measured before that would wake at the wrong
 * step. Every run plans from the clock afresh, so a jump needs no special handling beyond being noticed (and
 * logged). Anything that changes the plan (a new schedule, site or arbiter) wakes it at once.
 */
public final class ScheduleLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleLoop.class);
    /** A difference between the wall clock and the monotonic clock above this is reported as a clock jump. */
    private static final long JUMP_MS = 2000;

    private final ScheduleEngine engine;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cityedge-schedule");
        t.setDaemon(true);
        return t;
    });
    private volatile long maxSleepMs;
    private long lastWallMs = Long.MIN_VALUE;
    private long lastMonoMs;

    // Guarded by this: only the run of the latest generation schedules the next one.
    private long generation;
    private ScheduledFuture<?> pending;
    private boolean closed;

    public ScheduleLoop(ScheduleEngine engine, Duration maxSleep) {
        this.engine = engine;
        this.clock = engine.clock();
        setMaxSleep(maxSleep);
    }

    public ScheduleLoop start() {
        engine.onChange(this::wakeNow);
        wakeNow();
        return this;
    }

    public void setMaxSleep(Duration maxSleep) {
        maxSleepMs = Math.max(1, maxSleep.toMillis());
    }

    /** Runs the engine as soon as possible (the pending wake-up is replaced). */
    public synchronized void wakeNow() {
        if (closed) {
            return;
        }
        generation++;
        if (pending != null) {
            pending.cancel(false);
        }
        long g = generation;
        pending = executor.schedule(() -> run(g), 0, TimeUnit.MILLISECONDS);
    }

    private void run(long g) {
        noticeClockJump();
        long delay = maxSleepMs;
        try {
            Instant next = engine.tick();
            long untilNext = Duration.between(clock.instant(), next).toMillis() + 1; // +1: wake at or after it
            delay = Math.max(1, Math.min(untilNext, maxSleepMs));
        } catch (RuntimeException e) {
            engine.counters().tickFailures.incrementAndGet();
            LOG.error("schedule: run failed; trying again in {} ms", delay, e);
        }
        synchronized (this) {
            if (!closed && g == generation) {
                pending = executor.schedule(() -> run(g), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void noticeClockJump() {
        long wall = clock.millis();
        long mono = System.nanoTime() / 1_000_000;
        if (lastWallMs != Long.MIN_VALUE) {
            long jump = (wall - lastWallMs) - (mono - lastMonoMs);
            if (Math.abs(jump) > JUMP_MS) {
                engine.counters().clockJumps.incrementAndGet();
                LOG.info("schedule: the clock moved by {} s; planning from the new time", jump / 1000);
            }
        }
        lastWallMs = wall;
        lastMonoMs = mono;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }
        engine.onChange(() -> { });
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("schedule: loop did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
