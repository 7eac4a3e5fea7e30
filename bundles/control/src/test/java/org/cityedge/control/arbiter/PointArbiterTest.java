package org.cityedge.control.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.model.Sample;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.Json;
import org.cityedge.control.testing.DemoSite;
import org.cityedge.control.testing.FakeField;
import org.cityedge.control.testing.ManualTimers;
import org.cityedge.control.testing.RecordingOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The arbiter against an in-memory driver, with time moved by hand. */
class PointArbiterTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long FOREVER = Long.MAX_VALUE;
    private static final ArbiterSettings SETTINGS = new ArbiterSettings(10_000, 3, 60_000, 5_000);
    private static final DemoSite SITE = DemoSite.load();

    private final ManualTimers timers = new ManualTimers(T0);
    private final FakeField field = new FakeField(Set.of("sl-001", "sl-002", "cab-001"));
    private final RecordingOutbox outbox = new RecordingOutbox();
    private PointArbiter arbiter;

    @BeforeEach
    void start() {
        arbiter = new PointArbiter(new FieldRouter(() -> List.of(field)), () -> SITE, SETTINGS, timers, Runnable::run,
                () -> outbox);
    }

    @AfterEach
    void stop() {
        arbiter.close();
    }

    private ClaimResult claim(String device, String point, Object value, ControlSource source, String owner,
            long until) throws Exception {
        return arbiter.claim(new PointClaim(device, point, value, source, owner, until)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }

    private static Sample good(String device, String point, Object value) {
        return Sample.good(device, point, value, "%", T0);
    }

    @Test
    void theHighestSourceWinsAndTheNextTakesOverOnRelease() throws Exception {
        claim("sl-001", "dimLevel", 50L, ControlSource.SCHEDULE, "evening", FOREVER);
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(50L);
        claim("sl-001", "dimLevel", 80L, ControlSource.RULE, "flood", FOREVER);
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(80L);
        ClaimResult override = claim("sl-001", "dimLevel", 100L, ControlSource.OVERRIDE, "ioc:c1", FOREVER);
        assertThat(override.effective()).isTrue();
        assertThat(override.write().ok()).isTrue();
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(100L);
        assertThat(arbiter.claims("sl-001")).extracting(PointClaim::source)
                .containsExactly(ControlSource.OVERRIDE, ControlSource.RULE, ControlSource.SCHEDULE);

        arbiter.release("sl-001", "dimLevel", ControlSource.OVERRIDE, "ioc:c1");
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(80L);
        arbiter.releaseAll(ControlSource.RULE, "flood");
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(50L);
        assertThat(field.writes()).containsExactly("sl-001.dimLevel=50", "sl-001.dimLevel=80",
                "sl-001.dimLevel=100", "sl-001.dimLevel=80", "sl-001.dimLevel=50");
    }

    @Test
    void anOutrankedClaimWritesNothingAndWaitsItsTurn() throws Exception {
        claim("sl-001", "dimLevel", 100L, ControlSource.OVERRIDE, "ioc:c1", T0 + 60_000);
        ClaimResult schedule = claim("sl-001", "dimLevel", 30L, ControlSource.SCHEDULE, "night", FOREVER);
        assertThat(schedule.effective()).isFalse();
        assertThat(schedule.write()).isNull();
        assertThat(schedule.winner().owner()).isEqualTo("ioc:c1");
        assertThat(field.writes()).hasSize(1);

        timers.advance(60_000); // the override ends: the schedule takes over by itself
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(30L);
        assertThat(arbiter.effective("sl-001", "dimLevel")).map(PointClaim::owner).contains("night");
    }

    @Test
    void claimsEndOneAfterTheOtherAndTheDeviceKeepsItsDefaultWithoutAny() throws Exception {
        claim("sl-002", "dimLevel", 40L, ControlSource.SCHEDULE, "night", T0 + 30_000);
        claim("sl-002", "dimLevel", 70L, ControlSource.RULE, "lux", T0 + 20_000);
        claim("sl-002", "dimLevel", 100L, ControlSource.OVERRIDE, "ioc:c2", T0 + 10_000);
        timers.advance(9_999);
        assertThat(field.value("sl-002", "dimLevel")).isEqualTo(100L);
        timers.advance(1);
        assertThat(field.value("sl-002", "dimLevel")).isEqualTo(70L);
        timers.advance(10_000);
        assertThat(field.value("sl-002", "dimLevel")).isEqualTo(40L);
        timers.advance(10_000);
        assertThat(arbiter.effective("sl-002", "dimLevel")).isEmpty();
        assertThat(field.writes()).containsExactly("sl-002.dimLevel=40", "sl-002.dimLevel=70",
                "sl-002.dimLevel=100", "sl-002.dimLevel=70", "sl-002.dimLevel=40");
        assertThat(timers.pending()).isZero();
    }

    @Test
    void theLatestClaimOfOneSourceWinsAndAnUnchangedValueIsNotWrittenAgain() throws Exception {
        claim("sl-001", "dimLevel", 60L, ControlSource.RULE, "a", FOREVER);
        claim("sl-001", "dimLevel", 20L, ControlSource.RULE, "b", FOREVER);
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(20L);
        ClaimResult same = claim("sl-001", "dimLevel", 20.0, ControlSource.RULE, "c", FOREVER);
        assertThat(same.effective()).isTrue();
        assertThat(same.write()).isNull();
        claim("sl-001", "dimLevel", 20L, ControlSource.RULE, "b", FOREVER); // b replaces its own claim
        assertThat(arbiter.claims("sl-001")).hasSize(3);
        assertThat(field.writes()).containsExactly("sl-001.dimLevel=60", "sl-001.dimLevel=20");
    }

    @Test
    void claimsTheProfileDoesNotAllowAreRefusedBeforeAnythingIsWritten() throws Exception {
        List<PointClaim> refused = List.of(
                new PointClaim("sl-999", "dimLevel", 50L, ControlSource.RULE, "r", FOREVER),
                new PointClaim("sl-001", "activePower", 50.0, ControlSource.RULE, "r", FOREVER),
                new PointClaim("sl-001", "dimLevel", 140L, ControlSource.RULE, "r", FOREVER),
                new PointClaim("sl-001", "powerState", 1L, ControlSource.RULE, "r", FOREVER),
                new PointClaim("sl-001", "contactorState", true, ControlSource.RULE, "r", FOREVER),
                new PointClaim("sl-001", "dimLevel", 50L, ControlSource.RULE, "r", T0 - 1));
        List<String> reasons = new java.util.ArrayList<>();
        for (PointClaim c : refused) {
            ClaimResult r = arbiter.claim(c).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(r.ok()).as(c.toString()).isFalse();
            assertThat(r.effective()).isFalse();
            reasons.add(r.write().error());
        }
        assertThat(reasons).satisfiesExactly(
                e -> assertThat(e).contains("unknown device sl-999"),
                e -> assertThat(e).contains("activePower", "read-only"),
                e -> assertThat(e).contains("[0, 100]", "140"),
                e -> assertThat(e).contains("true or false"),
                e -> assertThat(e).contains("has no point contactorState"),
                e -> assertThat(e).contains("ended before"));
        assertThat(field.writes()).isEmpty();
        assertThat(arbiter.claims("sl-001")).isEmpty();
    }

    @Test
    void aDeviceThatDriftsIsRewrittenAfterTheGraceOnly() throws Exception {
        claim("sl-001", "dimLevel", 40L, ControlSource.SCHEDULE, "night", FOREVER);
        field.set("sl-001", "dimLevel", 100L); // the lamp rebooted into its default
        arbiter.accept(List.of(good("sl-001", "dimLevel", 100L)));
        timers.advance(9_000);
        arbiter.accept(List.of(good("sl-001", "dimLevel", 100L)));
        assertThat(field.writes()).hasSize(1); // still within the grace: a poll may have crossed the write
        arbiter.accept(List.of(Sample.bad("sl-001", "dimLevel", "%", T0, "timeout"),
                good("sl-001", "activePower", 1.0)));
        timers.advance(1_000);
        arbiter.accept(List.of(good("sl-001", "dimLevel", 100.0)));
        assertThat(field.writes()).containsExactly("sl-001.dimLevel=40", "sl-001.dimLevel=40");
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(40L);

        arbiter.accept(List.of(good("sl-001", "dimLevel", 40.0))); // holds: nothing more
        timers.advance(60_000);
        arbiter.accept(List.of(good("sl-001", "dimLevel", 40L)));
        assertThat(field.writes()).hasSize(2);
        assertThat(arbiter.driftRewrites.get()).isEqualTo(1);
    }

    @Test
    void aDeviceThatKeepsRevertingIsRewrittenWithBackoffThenLeftAloneWithAnAlarm() throws Exception {
        claim("sl-002", "dimLevel", 30L, ControlSource.SCHEDULE, "night", FOREVER);
        // the device reports 100 every second for ten minutes, whatever is written
        for (int second = 0; second < 600; second++) {
            arbiter.accept(List.of(good("sl-002", "dimLevel", 100L)));
            timers.advance(1_000);
        }
        // 1 claim write + 3 rewrites (after 10 s, then waits of 20 s and 40 s), then it gives up
        assertThat(field.writes()).hasSize(1 + SETTINGS.driftMaxRewrites());
        assertThat(arbiter.driftGiveUps.get()).isEqualTo(1);
        List<OutboundMessage> events = outbox.offered();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).topicSuffix()).isEqualTo("event/sl-002");
        com.fasterxml.jackson.databind.JsonNode raised = Json.MAPPER.readTree(events.get(0).json());
        assertThat(raised.get("event").asText()).isEqualTo("controlNotHeld");
        assertThat(raised.get("state").asText()).isEqualTo("raised");
        assertThat(raised.get("point").asText()).isEqualTo("dimLevel");
        assertThat(raised.get("value").asLong()).isEqualTo(100);

        arbiter.accept(List.of(good("sl-002", "dimLevel", 30L))); // someone fixed the lamp
        assertThat(outbox.offered()).hasSize(2);
        assertThat(Json.MAPPER.readTree(outbox.offered().get(1).json()).get("state").asText()).isEqualTo("cleared");
        // and a new episode starts with a fresh count
        field.set("sl-002", "dimLevel", 100L);
        arbiter.accept(List.of(good("sl-002", "dimLevel", 100L)));
        timers.advance(10_000);
        arbiter.accept(List.of(good("sl-002", "dimLevel", 100L)));
        assertThat(field.writes()).hasSize(2 + SETTINGS.driftMaxRewrites());
    }

    @Test
    void aFailedWriteIsRetriedWhenTheDeviceReportsTheOldValue() throws Exception {
        field.set("sl-001", "powerState", false);
        field.failWrites("sl-001", "write failed: timeout");
        ClaimResult r = claim("sl-001", "powerState", true, ControlSource.OVERRIDE, "ioc:c3", FOREVER);
        assertThat(r.ok()).isFalse();
        assertThat(r.write().error()).contains("timeout");
        assertThat(arbiter.effective("sl-001", "powerState")).isPresent(); // the claim stays

        field.failWrites("sl-001", null);
        arbiter.accept(List.of(good("sl-001", "powerState", false)));
        timers.advance(10_000);
        arbiter.accept(List.of(good("sl-001", "powerState", false)));
        assertThat(field.value("sl-001", "powerState")).isEqualTo(true);
    }

    @Test
    void writesGoToTheDriverServingTheDeviceAndAnUnservedDeviceFails() throws Exception {
        FakeField other = new FakeField(Set.of("sl-005"));
        PointArbiter two = new PointArbiter(new FieldRouter(() -> List.of(field, other)), () -> SITE, SETTINGS,
                timers, Runnable::run, () -> outbox);
        two.claim(new PointClaim("sl-005", "dimLevel", 10L, ControlSource.RULE, "r", FOREVER)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        ClaimResult unserved = two.claim(new PointClaim("sl-008", "dimLevel", 10L, ControlSource.RULE, "r",
                FOREVER)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(other.writes()).containsExactly("sl-005.dimLevel=10");
        assertThat(field.writes()).isEmpty();
        assertThat(unserved.ok()).isFalse();
        assertThat(unserved.write().error()).isEqualTo(FieldRouter.noDriver("sl-008"));
        two.close();
    }

    @Test
    void aClaimWaitsForTheWriteBeforeItAndTheLatestWinnerIsWritten() throws Exception {
        field.hold(true);
        CompletableFuture<ClaimResult> first = arbiter.claim(new PointClaim("sl-001", "dimLevel", 10L,
                ControlSource.OVERRIDE, "ioc:a", FOREVER)).toCompletableFuture();
        CompletableFuture<ClaimResult> second = arbiter.claim(new PointClaim("sl-001", "dimLevel", 20L,
                ControlSource.OVERRIDE, "ioc:b", FOREVER)).toCompletableFuture();
        CompletableFuture<ClaimResult> third = arbiter.claim(new PointClaim("sl-001", "dimLevel", 30L,
                ControlSource.OVERRIDE, "ioc:c", FOREVER)).toCompletableFuture();
        assertThat(field.writes()).containsExactly("sl-001.dimLevel=10");
        assertThat(field.releaseOne()).isTrue();
        assertThat(first).isCompleted();
        assertThat(field.writes()).containsExactly("sl-001.dimLevel=10", "sl-001.dimLevel=30");
        assertThat(second).isNotCompleted();
        assertThat(field.releaseOne()).isTrue();
        assertThat(second.join().write().requested()).isEqualTo(30L); // the write made for it set the latest winner
        assertThat(third.join().write()).isNull(); // already there
        assertThat(field.value("sl-001", "dimLevel")).isEqualTo(30L);
        assertThat(field.maxInFlightPerPoint()).isEqualTo(1);
    }

    @Test
    void concurrentClaimsOnOnePointNeverOverlapOnTheWire() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ExecutorService device = Executors.newFixedThreadPool(4);
        field.completeOn(device);
        PointArbiter threaded = new PointArbiter(new FieldRouter(() -> List.of(field)), () -> SITE, SETTINGS,
                timers, pool, () -> outbox);
        try {
            List<CompletableFuture<ClaimResult>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                all.add(CompletableFuture.supplyAsync(() -> threaded.claim(new PointClaim(n % 2 == 0 ? "sl-001"
                        : "sl-002", "dimLevel", (long) (n % 101), ControlSource.RULE, "rule-" + n, FOREVER)), pool)
                        .thenCompose(s -> s));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(field.maxInFlightPerPoint()).isEqualTo(1);
            for (String id : List.of("sl-001", "sl-002")) {
                assertThat(field.value(id, "dimLevel")).isEqualTo(threaded.effective(id, "dimLevel").orElseThrow()
                        .value());
            }
        } finally {
            threaded.close();
            pool.shutdownNow();
            device.shutdownNow();
        }
    }
}
