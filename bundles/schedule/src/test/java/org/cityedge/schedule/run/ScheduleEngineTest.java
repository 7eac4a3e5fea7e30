package org.cityedge.schedule.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.PlanStep;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.schedule.astro.AstronomicalSunClock;
import org.cityedge.schedule.astro.Night;
import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.document.BuiltinSchedule;
import org.cityedge.schedule.document.Documents;
import org.cityedge.schedule.plan.Lamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleEngineTest {

    static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String DIM = Lamp.DIM_LEVEL;
    static final String POWER = Lamp.POWER_STATE;
    static final List<Lamp> LAMPS = List.of(
            new Lamp("sl-001", "circuit-a", true, true),
            new Lamp("sl-002", "circuit-b", true, true),
            new Lamp("sl-009", null, true, false),
            new Lamp("sw-001", "circuit-a", false, true));

    @TempDir
    Path dir;
    private final SunClock sun = new AstronomicalSunClock(11.53, 106.88, SAIGON);
    private MutableClock clock;
    private FakePointControl arbiter;
    private ScheduleEngine engine;

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SAIGON).toInstant();
    }

    static long ms(String dateTime) {
        return local(dateTime).toEpochMilli();
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(local("2027-03-15T20:00"));
        arbiter = new FakePointControl(clock::millis);
        engine = newEngine();
    }

    private ScheduleEngine newEngine() {
        ScheduleEngine e = new ScheduleEngine(clock, new ScheduleStore(dir));
        e.setSite(LAMPS, sun);
        e.setPointControl(arbiter);
        return e;
    }

    private static VerifiedDocument doc(long version) {
        return new VerifiedDocument("schedule", version, Documents.sample(version));
    }

    @Test
    void freshGatewayRunsTheBuiltinScheduleAtOnce() {
        engine.start();
        Instant next = engine.tick();

        assertThat(engine.activeVersion()).isZero();
        assertThat(next).isEqualTo(local("2027-03-15T23:00"));
        assertThat(arbiter.placed).extracting(PointClaim::deviceId, PointClaim::point, PointClaim::value,
                PointClaim::owner).containsExactlyInAnyOrder(
                        tuple("sl-001", POWER, true, "builtin"), tuple("sl-001", DIM, 100.0, "builtin"),
                        tuple("sl-002", POWER, true, "builtin"), tuple("sl-002", DIM, 100.0, "builtin"),
                        tuple("sl-009", DIM, 100.0, "builtin"), tuple("sw-001", POWER, true, "builtin"));
        assertThat(arbiter.placed).allSatisfy(c -> {
            assertThat(c.source()).isEqualTo(ControlSource.SCHEDULE);
            assertThat(c.until()).isEqualTo(ms("2027-03-15T23:00"));
        });
    }

    @Test
    void aNightRunsStepByStepEachClaimUntilTheNextStep() throws Exception {
        clock.set(local("2027-03-15T12:00"));
        engine.start();
        engine.install(doc(1));
        Night night = sun.night(LocalDate.of(2027, 3, 15));
        Instant on = night.sun().get().begins().plus(Duration.ofMinutes(10));
        Instant sunrise = night.sun().get().ends();
        Instant nextOn = sun.night(LocalDate.of(2027, 3, 16)).sun().get().begins().plus(Duration.ofMinutes(10));

        List<Instant> wakes = new ArrayList<>();
        for (int i = 0; i < 50 && clock.instant().isBefore(local("2027-03-16T12:00")); i++) {
            Instant next = engine.tick();
            assertThat(next).isAfter(clock.instant());
            wakes.add(next);
            clock.set(next);
        }
        assertThat(clock.instant()).as("the night ran to its end within 50 runs").isAfterOrEqualTo(
                local("2027-03-16T12:00"));
        assertThat(wakes).contains(on, local("2027-03-15T23:00"), local("2027-03-16T01:30"), sunrise);

        assertThat(arbiter.placedAt).filteredOn(p -> p.claim().deviceId().equals("sl-001")
                && p.claim().point().equals(DIM)).extracting(p -> p.claim().value(), p -> p.claim().until(),
                        FakePointControl.Placed::at)
                .containsExactly(
                        tuple(100.0, ms("2027-03-15T23:00"), on.toEpochMilli()),
                        tuple(50.0, ms("2027-03-16T01:30"), ms("2027-03-15T23:00")),
                        tuple(30.0, sunrise.toEpochMilli(), ms("2027-03-16T01:30")));
        assertThat(arbiter.placed("sl-001", POWER)).extracting(PointClaim::value, PointClaim::until).containsExactly(
                tuple(false, on.toEpochMilli()), tuple(true, ms("2027-03-15T23:00")),
                tuple(true, ms("2027-03-16T01:30")), tuple(true, sunrise.toEpochMilli()),
                tuple(false, nextOn.toEpochMilli()));
        assertThat(arbiter.placed("sl-001", POWER)).extracting(PointClaim::owner).containsOnly("residential");
    }

    @Test
    void groupsGetTheirOwnProgramsAndLampsTheirOwnPoints() throws Exception {
        engine.start();
        engine.install(doc(1));
        clock.set(local("2027-03-15T19:00")); // a Monday
        engine.tick();
        assertThat(latest("sl-001", POWER)).extracting(PointClaim::value, PointClaim::owner)
                .containsExactly(true, "residential");
        assertThat(latest("sl-002", DIM)).extracting(PointClaim::value, PointClaim::owner, PointClaim::until)
                .containsExactly(100.0, "main-road", ms("2027-03-16T00:00"));
        assertThat(latest("sl-009", DIM).owner()).as("no group: default calendar").isEqualTo("residential");
        assertThat(arbiter.placed("sw-001", DIM)).as("a relay-only lamp gets no dim level").isEmpty();

        int dimClaims = arbiter.placed("sl-001", DIM).size();
        clock.set(local("2027-03-16T10:00"));
        engine.tick();
        assertThat(latest("sl-009", DIM).value()).as("dim-only lamp is switched off by level 0").isEqualTo(0.0);
        assertThat(latest("sl-001", POWER).value()).isEqualTo(false);
        assertThat(arbiter.placed("sl-001", DIM)).as("a relay lamp is switched off, its dim level left alone")
                .hasSize(dimClaims);
    }

    @Test
    void installRefusesReplaysAndInvalidDocumentsAndKeepsTheRunningOne() throws Exception {
        engine.start();
        engine.tick();
        assertThat(engine.install(doc(3))).isEqualTo(3);
        engine.tick();
        assertThat(latest("sl-002", DIM).owner()).isEqualTo("main-road");
        assertThat(arbiter.released).extracting(FakePointControl.Release::owner).contains("builtin");

        assertRefused(doc(3), "replayed-version", "version 3 is not above version 3");
        assertRefused(doc(2), "replayed-version", "version 2");
        String bad = Documents.sample(4).replace("\"level\": 50", "\"level\": 500");
        assertRefused(new VerifiedDocument("schedule", 4, bad), "invalid-document",
                "programs.residential.steps[1].level: must have a maximum value of 100");
        assertRefused(new VerifiedDocument("schedule", 5, Documents.sample(4)), "invalid-document",
                "version: 4 in the document, 5 verified");
        assertRefused(new VerifiedDocument("ruleset", 6, Documents.sample(6)), "invalid-document", "type:");
        assertRefused(new VerifiedDocument("schedule", 7, "{\"type\": \"sched"), "invalid-document", "not JSON");

        assertThat(engine.activeVersion()).isEqualTo(3);
        assertThat(engine.counters().refusedReplayed()).isEqualTo(2);
        assertThat(engine.counters().refusedInvalid()).isEqualTo(4);
        assertThat(engine.install(doc(8))).as("a good one still goes in after refusals").isEqualTo(8);
    }

    @Test
    void aStoreThatCannotBeWrittenRefusesTheInstallAndKeepsTheRunningSchedule() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the store should be");
        ScheduleEngine broken = new ScheduleEngine(clock, new ScheduleStore(notADirectory));
        broken.setSite(LAMPS, sun);
        broken.setPointControl(arbiter);
        broken.start();
        DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class,
                () -> broken.install(doc(1)));
        assertThat(e.code()).isEqualTo("store-failed");
        assertThat(e.getMessage()).contains("version 0 keeps running");
        assertThat(broken.activeVersion()).isZero();
        assertThat(broken.counters().storeFailures()).isEqualTo(1);
        broken.tick();
        assertThat(arbiter.placed).extracting(PointClaim::owner).containsOnly(BuiltinSchedule.PROGRAM);
    }

    @Test
    void restartRunsTheStoredScheduleAtOnceAndRemembersItsVersion() throws Exception {
        clock.set(local("2027-03-15T14:00"));
        engine.start();
        engine.install(doc(2));
        assertThat(Files.exists(dir.resolve("schedule.json"))).isTrue();

        // Power cut; the gateway comes back at 22:00 with a fresh arbiter.
        clock.set(local("2027-03-15T22:00"));
        arbiter = new FakePointControl(clock::millis);
        ScheduleEngine restarted = newEngine();
        restarted.start();
        restarted.tick();

        assertThat(restarted.activeVersion()).isEqualTo(2);
        assertThat(arbiter.placed).extracting(PointClaim::deviceId, PointClaim::point, PointClaim::value,
                PointClaim::owner, PointClaim::until).contains(
                        tuple("sl-001", DIM, 100.0, "residential", ms("2027-03-15T23:00")),
                        tuple("sl-002", DIM, 100.0, "main-road", ms("2027-03-16T00:00")));
        DocumentRefusedException replay = catchThrowableOfType(DocumentRefusedException.class,
                () -> restarted.install(doc(2)));
        assertThat(replay.code()).isEqualTo("replayed-version");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("schedule.json",
                    "schedule.floor");
        }
    }

    @Test
    void aCorruptStoreKeepsTheReplayFloorOfTheLastInstall() throws Exception {
        engine.start();
        engine.install(doc(5));
        Files.writeString(dir.resolve("schedule.json"), "{\"format\":1,\"version\":5,\"docu"); // torn by a bad card

        ScheduleEngine restarted = newEngine();
        restarted.start();
        assertThat(restarted.activeVersion()).as("nothing readable: the built-in runs").isZero();
        assertRefusedBy(restarted, doc(5), "replayed-version", "version 5 is not above version 5");
        assertRefusedBy(restarted, doc(4), "replayed-version", "version 4");
        assertThat(restarted.install(doc(6))).isEqualTo(6);
    }

    @Test
    void storedEnvelopeIsVerifiedAgainAtStart() throws Exception {
        ScheduleStore store = new ScheduleStore(dir);
        store.save(new StoredSchedule(5, Documents.sample(5), "{\"document\":\"...\",\"signature\":\"...\"}",
                clock.instant()));

        ScheduleEngine trusting = newEngine();
        trusting.setVerifier((type, envelope) -> new VerifiedDocument(type, 5, Documents.sample(5)));
        trusting.start();
        assertThat(trusting.activeVersion()).isEqualTo(5);

        ScheduleEngine keyless = newEngine();
        keyless.setVerifier((type, envelope) -> {
            throw new DocumentRefusedException("no-trust-key", "no key");
        });
        keyless.start();
        assertThat(keyless.activeVersion()).as("cannot judge without a key: keeps running").isEqualTo(5);

        ScheduleEngine late = newEngine();
        late.start();
        assertThat(late.activeVersion()).as("no verifier yet").isEqualTo(5);
        late.setVerifier((type, envelope) -> {
            throw new DocumentRefusedException("bad-signature", "tampered");
        });
        assertThat(late.activeVersion()).as("refused by the verifier: the built-in runs").isZero();
        assertThat(late.counters().storedRejected()).isEqualTo(1);
        late.tick();
        assertThat(arbiter.placed).extracting(PointClaim::owner).contains(BuiltinSchedule.PROGRAM);

        ScheduleEngine swapped = newEngine();
        swapped.setVerifier((type, envelope) -> new VerifiedDocument(type, 5, Documents.sample(5).replace("23:00",
                "22:00")));
        swapped.start();
        assertThat(swapped.activeVersion()).as("envelope holds another document").isZero();
    }

    @Test
    void corruptStoreIsMovedAsideAndTheBuiltinRuns() throws Exception {
        Files.writeString(dir.resolve("schedule.json"), "{\"version\": 3, \"docum");
        Files.writeString(dir.resolve("schedule.json.tmp"), "half a save");
        engine.start();
        engine.tick();

        assertThat(engine.activeVersion()).isZero();
        assertThat(engine.counters().storedRejected()).isEqualTo(1);
        assertThat(arbiter.placed).isNotEmpty().extracting(PointClaim::owner).containsOnly(BuiltinSchedule.PROGRAM);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement()
                    .satisfies(n -> assertThat(n).startsWith("schedule.json.corrupt-"));
        }
        assertThat(engine.install(doc(1))).isEqualTo(1);
    }

    @Test
    void planListsEveryStepAheadAndShowsHigherClaimsWithTheirSource() throws Exception {
        clock.set(local("2027-03-15T12:00"));
        engine.start();
        engine.install(doc(1));
        arbiter.hold(new PointClaim("sl-002", DIM, 20.0, ControlSource.OVERRIDE, "cmd-42", ms("2027-03-15T22:00")));
        arbiter.hold(new PointClaim("sw-001", POWER, true, ControlSource.RULE, "flood-street-7", Long.MAX_VALUE));
        arbiter.hold(new PointClaim("sl-001", DIM, 5.0, ControlSource.OVERRIDE, "expired", ms("2027-03-15T11:00")));
        Night night = sun.night(LocalDate.of(2027, 3, 15));
        long on = night.sun().get().begins().plus(Duration.ofMinutes(10)).toEpochMilli();
        long dusk = night.civil().get().begins().toEpochMilli();
        long sunrise = night.sun().get().ends().toEpochMilli();
        long dawn5 = night.civil().get().ends().plusSeconds(300).toEpochMilli();
        long from = ms("2027-03-15T12:00");

        List<PlanStep> plan = engine.plan(from, 24);

        assertThat(plan).extracting(PlanStep::at).isSorted();
        assertThat(plan).allSatisfy(s -> assertThat(s.at()).isBetween(from, from + Duration.ofHours(24).toMillis()));
        assertThat(steps(plan, "sl-001", DIM)).containsExactly(
                tuple(on, 100.0, ControlSource.SCHEDULE), tuple(ms("2027-03-15T23:00"), 50.0, ControlSource.SCHEDULE),
                tuple(ms("2027-03-16T01:30"), 30.0, ControlSource.SCHEDULE));
        assertThat(steps(plan, "sl-001", POWER)).containsExactly(tuple(from, false, ControlSource.SCHEDULE),
                tuple(on, true, ControlSource.SCHEDULE), tuple(sunrise, false, ControlSource.SCHEDULE));
        assertThat(steps(plan, "sl-002", DIM)).containsExactly(
                tuple(from, 20.0, ControlSource.OVERRIDE),
                tuple(ms("2027-03-15T22:00"), 100.0, ControlSource.SCHEDULE),
                tuple(ms("2027-03-16T00:00"), 80.0, ControlSource.SCHEDULE));
        assertThat(steps(plan, "sl-002", POWER)).containsExactly(tuple(from, false, ControlSource.SCHEDULE),
                tuple(dusk, true, ControlSource.SCHEDULE), tuple(dawn5, false, ControlSource.SCHEDULE));
        assertThat(steps(plan, "sw-001", POWER)).containsExactly(tuple(from, true, ControlSource.RULE));
        assertThat(plan).filteredOn(s -> s.source() == ControlSource.OVERRIDE).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("override cmd-42 until 22:00"));
        assertThat(plan).filteredOn(s -> s.at() == on && s.deviceId().equals("sl-001")).first()
                .satisfies(s -> assertThat(s.reason()).startsWith("sunset+10min (18:").endsWith("program residential"));

        assertThat(engine.plan(from, 0)).isEmpty();
        assertThat(engine.plan(from, 100_000)).extracting(PlanStep::at).allSatisfy(
                at -> assertThat(at).isLessThanOrEqualTo(from + Duration.ofDays(7).toMillis()));
    }

    @Test
    void clockJumpAppliesTheStepOfTheNewTimeAtOnce() {
        clock.set(local("2027-03-15T14:00")); // a gateway booting with a wrong clock...
        engine.start();
        engine.tick();
        assertThat(latest("sl-001", POWER).value()).isEqualTo(false);

        clock.set(local("2027-03-16T00:10")); // ...until NTP sets it right
        engine.tick();
        assertThat(latest("sl-001", DIM)).extracting(PointClaim::value, PointClaim::until)
                .containsExactly(50.0, sun.night(LocalDate.of(2027, 3, 15)).sun().get().ends().toEpochMilli());
    }

    @Test
    void runsInBetweenStepsPlaceNothingAndFailedClaimsAreRetried() {
        engine.start();
        arbiter.failNext.set(1000);
        engine.tick();
        assertThat(arbiter.placed).isEmpty();
        assertThat(engine.counters().claimFailures()).isEqualTo(6);

        arbiter.failNext.set(0);
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(arbiter.placed).hasSize(6);
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(arbiter.placed).as("same claims: nothing placed again").hasSize(6);

        FakePointControl restartedArbiter = new FakePointControl(clock::millis);
        engine.setPointControl(restartedArbiter);
        engine.tick();
        assertThat(restartedArbiter.placed).as("a new arbiter hears everything").hasSize(6);
    }

    @Test
    void claimsTheArbiterRefusedArePlacedAgainAtTheNextRun() {
        engine.start();
        arbiter.refuseNext.set(1000); // power back at 20:00, the arbiter has no site yet
        engine.tick();
        assertThat(arbiter.refused).hasValue(6);
        assertThat(arbiter.placed).isEmpty();

        arbiter.refuseNext.set(0);
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(arbiter.placed).as("the replan claims again, not at the next step").hasSize(6);
        assertThat(arbiter.claims("sl-001")).extracting(PointClaim::value).containsExactlyInAnyOrder(true, 100.0);
        assertThat(engine.counters().claimFailures()).isEqualTo(6);
    }

    @Test
    void cabinetContactorIsClosedWhileTheLevelIsAboveZeroAndOpenAtZero() {
        String contactor = Lamp.CONTACTOR_STATE;
        engine.setSite(List.of(new Lamp("cab-001", "circuit-a", false, false, true)), sun);
        // A daytime maintenance override opened the circuit for 8 h; it ends at 21:00, after dark.
        arbiter.hold(new PointClaim("cab-001", contactor, false, ControlSource.OVERRIDE, "cmd-9",
                ms("2027-03-15T21:00")));
        engine.start();
        engine.tick();
        assertThat(latest("cab-001", contactor)).extracting(PointClaim::value, PointClaim::until)
                .containsExactly(true, ms("2027-03-15T23:00"));
        List<PlanStep> plan = engine.plan(ms("2027-03-15T20:00"), 12);
        long sunrise = sun.night(LocalDate.of(2027, 3, 15)).sun().get().ends().toEpochMilli();
        assertThat(steps(plan, "cab-001", contactor)).containsExactly(
                tuple(ms("2027-03-15T20:00"), false, ControlSource.OVERRIDE),
                tuple(ms("2027-03-15T21:00"), true, ControlSource.SCHEDULE),
                tuple(sunrise, false, ControlSource.SCHEDULE));
        clock.set(local("2027-03-15T21:00"));
        assertThat(arbiter.effective("cab-001", contactor)).map(PointClaim::value).as("closed when it ends")
                .contains(true);

        clock.set(local("2027-03-16T10:00"));
        engine.tick();
        assertThat(latest("cab-001", contactor).value()).as("opened by day").isEqualTo(false);
        assertThat(arbiter.placed.stream().map(PointClaim::point)).containsOnly(contactor);
    }

    @Test
    void lampsThatLeaveTheSiteAreReleased() {
        engine.start();
        engine.tick();
        engine.setSite(LAMPS.subList(0, 1), sun);
        engine.tick();
        assertThat(arbiter.released).extracting(FakePointControl.Release::deviceId)
                .containsExactlyInAnyOrder("sl-002", "sl-002", "sl-009", "sw-001");
    }

    private PointClaim latest(String deviceId, String point) {
        List<PointClaim> list = arbiter.placed(deviceId, point);
        assertThat(list).as("claims on %s.%s", deviceId, point).isNotEmpty();
        return list.get(list.size() - 1);
    }

    private static List<org.assertj.core.groups.Tuple> steps(List<PlanStep> plan, String deviceId, String point) {
        return plan.stream().filter(s -> s.deviceId().equals(deviceId) && s.point().equals(point))
                .map(s -> tuple(s.at(), s.value(), s.source())).toList();
    }

    private void assertRefused(VerifiedDocument d, String code, String messagePart) {
        assertRefusedBy(engine, d, code, messagePart);
    }

    private static void assertRefusedBy(ScheduleEngine engine, VerifiedDocument d, String code, String messagePart) {
        DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class, () -> engine.install(d));
        assertThat(e).as("refusal of version %s", d.version()).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(messagePart);
    }
}
