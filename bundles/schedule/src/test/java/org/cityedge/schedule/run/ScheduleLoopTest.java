package org.cityedge.schedule.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.schedule.astro.AstronomicalSunClock;
import org.cityedge.schedule.astro.Night;
import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.document.Documents;
import org.cityedge.schedule.plan.Lamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on its real thread. Waits are bounded; nothing asserts how late a wake-up comes. */
class ScheduleLoopTest {

    static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final long WAIT_MS = 20_000;
    private final SunClock sun = new AstronomicalSunClock(11.53, 106.88, SAIGON);

    @TempDir
    Path dir;

    /**
     * One real millisecond is 20 s of this clock: evening to morning passes in about 2.5 s, and a stall of the
     * machine would have to last 450 ms to jump over the shortest step (23:00 to 01:30).
     */
    static final class FastClock extends Clock {
        private final Instant start;
        private final long startNanos = System.nanoTime();

        FastClock(Instant start) {
            this.start = start;
        }

        @Override
        public Instant instant() {
            long realMicros = (System.nanoTime() - startNanos) / 1000;
            return start.plusMillis(realMicros * 20); // 1 real ms = 20,000 ms here
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aNightPassesOnTheRealThreadWithEveryStepClaimedInOrder() throws Exception {
        Instant start = ScheduleEngineTest.local("2027-03-15T17:30");
        FastClock clock = new FastClock(start);
        FakePointControl arbiter = new FakePointControl(clock::millis);
        ScheduleEngine engine = new ScheduleEngine(clock, new ScheduleStore(dir));
        engine.setSite(List.of(new Lamp("sl-001", "circuit-a", true, true)), sun);
        engine.setPointControl(arbiter);
        engine.install(new VerifiedDocument("schedule", 1, Documents.sample(1)));
        Night night = sun.night(LocalDate.of(2027, 3, 15));
        Instant sunrise = night.sun().get().ends();

        try (ScheduleLoop loop = new ScheduleLoop(engine, Duration.ofMillis(2))) {
            loop.start();
            waitFor(() -> arbiter.placed("sl-001", Lamp.POWER_STATE).stream()
                    .anyMatch(c -> c.until() > sunrise.toEpochMilli()));
        }
        List<PointClaim> dims = arbiter.placed("sl-001", Lamp.DIM_LEVEL);
        assertThat(dims).extracting(PointClaim::value, PointClaim::until).containsExactly(
                tuple(100.0, ScheduleEngineTest.ms("2027-03-15T23:00")),
                tuple(50.0, ScheduleEngineTest.ms("2027-03-16T01:30")),
                tuple(30.0, sunrise.toEpochMilli()));
        // Each claim was made once its step had come, never before.
        assertThat(arbiter.placedAt).allSatisfy(p -> assertThat(p.at()).isLessThan(p.claim().until()));
        assertThat(arbiter.placedAt).filteredOn(p -> p.claim().point().equals(Lamp.DIM_LEVEL))
                .extracting(FakePointControl.Placed::at).isSorted()
                .first().satisfies(at -> assertThat(at).isGreaterThanOrEqualTo(
                        night.sun().get().begins().plusSeconds(600).toEpochMilli()));
    }

    @Test
    void aNewScheduleAndAClockJumpTakeEffectWithoutWaitingForTheReplan() throws Exception {
        MutableClock clock = new MutableClock(ScheduleEngineTest.local("2027-03-15T20:00"));
        FakePointControl arbiter = new FakePointControl(clock::millis);
        ScheduleEngine engine = new ScheduleEngine(clock, new ScheduleStore(dir));
        engine.setSite(List.of(new Lamp("sl-002", "circuit-b", true, true)), sun);
        engine.setPointControl(arbiter);

        ScheduleLoop loop = new ScheduleLoop(engine, Duration.ofHours(1)).start();
        try {
            waitFor(() -> !arbiter.placed.isEmpty());
            engine.install(new VerifiedDocument("schedule", 1, Documents.sample(1)));
            waitFor(() -> arbiter.placed.stream().anyMatch(c -> c.owner().equals("main-road")));

            loop.setMaxSleep(Duration.ofMillis(5));
            loop.wakeNow();
            clock.set(ScheduleEngineTest.local("2027-03-16T02:00"));
            waitFor(() -> arbiter.placed.stream().anyMatch(c -> Double.valueOf(80.0).equals(c.value())));
            waitFor(() -> engine.counters().clockJumps() >= 1);
        } finally {
            loop.close();
        }
        int placed = arbiter.placed.size();
        clock.set(ScheduleEngineTest.local("2027-03-16T12:00"));
        Thread.sleep(50);
        assertThat(arbiter.placed).as("nothing runs after close").hasSize(placed);
        // The executor reports termination just before its worker thread has quite ended: wait for that (bounded).
        waitFor(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("cityedge-schedule")));
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT_MS + " ms");
            }
            Thread.sleep(2);
        }
    }
}
