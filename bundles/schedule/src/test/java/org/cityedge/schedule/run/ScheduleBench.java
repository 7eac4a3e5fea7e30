package org.cityedge.schedule.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.schedule.astro.AstronomicalSunClock;
import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.document.Documents;
import org.cityedge.schedule.plan.Lamp;

/**
 * How much the schedule costs a gateway: a run between steps, a run at a step that re-claims every lamp, the 24 h
 * plan, and an install (parse, validate, store with fsync). Prints {@code name=value} pairs on its last line.
 *
 * <pre>
 * cd bundles/schedule && mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *   && java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.cityedge.schedule.run.ScheduleBench
 * </pre>
 */
public final class ScheduleBench {

    private static final int LAMPS = 500;
    private static final int GROUPS = 20;
    private static final int ROUNDS = 200;

    public static void main(String[] args) throws Exception {
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        SunClock sun = new AstronomicalSunClock(11.53, 106.88, zone);
        List<Lamp> lamps = new ArrayList<>();
        for (int i = 0; i < LAMPS; i++) {
            lamps.add(new Lamp(String.format("sl-%03d", i), "circuit-" + (i % GROUPS), true, true));
        }
        Path dir = Files.createTempDirectory("schedule-bench");
        MutableClock clock = new MutableClock(LocalDate.of(2027, 3, 15).atTime(19, 0).atZone(zone).toInstant());
        CountingArbiter arbiter = new CountingArbiter();
        ScheduleEngine engine = new ScheduleEngine(clock, new ScheduleStore(dir));
        engine.setSite(lamps, sun);
        engine.setPointControl(arbiter);
        engine.start();

        long t0 = System.nanoTime();
        long version = 1;
        for (int i = 0; i < ROUNDS / 10; i++) {
            engine.install(new VerifiedDocument("schedule", version, document(version)));
            version++;
        }
        double installMs = (System.nanoTime() - t0) / 1e6 / (ROUNDS / 10);

        engine.tick();
        t0 = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            clock.advance(Duration.ofMillis(1));
            engine.tick();
        }
        double idleTickMs = (System.nanoTime() - t0) / 1e6 / ROUNDS;

        // Alternate between two nights' steps so every run re-claims every lamp point.
        Instant a = clock.instant();
        Instant b = a.plus(Duration.ofHours(5));
        long claimsBefore = arbiter.claims.sum();
        t0 = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            clock.set(i % 2 == 0 ? b : a);
            engine.tick();
        }
        double stepTickMs = (System.nanoTime() - t0) / 1e6 / ROUNDS;
        long claimsPerStep = (arbiter.claims.sum() - claimsBefore) / ROUNDS;

        t0 = System.nanoTime();
        int steps = 0;
        for (int i = 0; i < ROUNDS / 10; i++) {
            steps = engine.plan(a.toEpochMilli(), 24).size();
        }
        double planMs = (System.nanoTime() - t0) / 1e6 / (ROUNDS / 10);

        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        System.out.println(String.format(Locale.ROOT,
                "lamps=%d groups=%d install_ms=%.2f idle_run_ms=%.3f step_run_ms=%.2f claims_per_step=%d"
                        + " plan_24h_ms=%.1f plan_24h_steps=%d",
                LAMPS, GROUPS, installMs, idleTickMs, stepTickMs, claimsPerStep, planMs, steps));
    }

    /** An arbiter that costs nothing, so the figures are the schedule's own. */
    private static final class CountingArbiter implements PointControl {
        final LongAdder claims = new LongAdder();

        @Override
        public CompletionStage<ClaimResult> claim(PointClaim claim) {
            claims.increment();
            return CompletableFuture.completedFuture(new ClaimResult(claim, claim, null));
        }

        @Override
        public void release(String deviceId, String point, ControlSource source, String owner) {
        }

        @Override
        public void releaseAll(ControlSource source, String owner) {
        }

        @Override
        public Optional<PointClaim> effective(String deviceId, String point) {
            return Optional.empty();
        }

        @Override
        public List<PointClaim> claims(String deviceId) {
            return List.of();
        }
    }

    /** A schedule with a calendar per group, each with a Tet exception and a weekend one. */
    private static String document(long version) {
        StringBuilder groups = new StringBuilder();
        for (int g = 0; g < GROUPS; g++) {
            groups.append(g == 0 ? "" : ",").append("\"circuit-").append(g).append("\": {\"program\": \"")
                    .append(g % 2 == 0 ? "residential" : "main-road").append("\", \"exceptions\": [")
                    .append("{\"from\": \"2027-02-05\", \"to\": \"2027-02-10\", \"program\": \"tet\"},")
                    .append("{\"weekdays\": [\"saturday\"], \"program\": \"residential\"}]}");
        }
        return Documents.sample(version)
                .replaceFirst("\"groups\": \\{[\\s\\S]*\\}\\s*\\}\\s*$", "\"groups\": {" + groups + "}}");
    }
}
