package org.cityedge.schedule.run;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.DimmingPlan;
import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PlanStep;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.schedule.astro.FixedSunClock;
import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.document.BuiltinSchedule;
import org.cityedge.schedule.document.InvalidScheduleException;
import org.cityedge.schedule.document.Schedule;
import org.cityedge.schedule.document.ScheduleParser;
import org.cityedge.schedule.plan.Lamp;
import org.cityedge.schedule.plan.PlanBuilder;
import org.cityedge.schedule.plan.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule as one object, without OSGi: the running schedule (installed, or the built-in default), the site's
 * lamps and clock, and the arbiter it claims on. {@link #tick()} places what is due and says when to call again;
 * the rest is input that changes now and then. Time comes only from the {@link Clock} given.
 */
public final class ScheduleEngine implements PolicyDocumentHandler, DimmingPlan {

    public static final String TYPE = "schedule";
    /** Longest plan served, so a careless caller cannot ask for years of steps. */
    static final int MAX_PLAN_HOURS = 24 * 7;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleEngine.class);

    private final Clock clock;
    private final ScheduleStore store;
    private final ScheduleCounters counters = new ScheduleCounters();
    private final ClaimRunner claims = new ClaimRunner(counters);
    /** Lock order: tickLock, then lock. */
    private final Object tickLock = new Object();
    private final Object lock = new Object();
    private volatile Runnable onChange = () -> { };

    // Guarded by lock.
    private Schedule builtin = BuiltinSchedule.standard();
    private Schedule installed;
    private StoredSchedule installedRecord;
    private boolean awaitingVerification;
    private long versionFloor;
    private List<Lamp> lamps = List.of();
    private SunClock sun = new FixedSunClock(LocalTime.of(18, 0), LocalTime.of(6, 0), ZoneOffset.UTC);
    private PointControl control;
    private DocumentVerifier verifier;

    public ScheduleEngine(Clock clock, ScheduleStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** Called (outside any lock) whenever something changed that may move the next step, e.g. to wake a loop. */
    public void onChange(Runnable listener) {
        onChange = listener;
    }

    public ScheduleCounters counters() {
        return counters;
    }

    public Clock clock() {
        return clock;
    }

    /** Loads the stored schedule, if any, verifying it again when a verifier is set. */
    public void start() {
        synchronized (lock) {
            loadStored();
        }
        onChange.run();
    }

    /**
     * Places the claims due now; returns when the next step is due. The arbiter is called outside the state lock
     * (an arbiter asking for the plan meanwhile never waits for it); runs are serialized by their own lock.
     */
    public Instant tick() {
        synchronized (tickLock) {
            Snapshot now = snapshot();
            return claims.apply(now.schedule(), now.sun(), now.lamps(), now.control(), clock.instant());
        }
    }

    public void setBuiltin(Schedule schedule) {
        synchronized (lock) {
            builtin = schedule;
        }
        onChange.run();
    }

    public void setSite(List<Lamp> siteLamps, SunClock siteClock) {
        synchronized (lock) {
            lamps = List.copyOf(siteLamps);
            sun = siteClock;
            LOG.info("schedule: {} lamps, clock {}", lamps.size(), sun.describe());
            warnUnknownGroups();
        }
        onChange.run();
    }

    /** The arbiter to claim on, or null while there is none. A new arbiter is told everything again. */
    public void setPointControl(PointControl pointControl) {
        synchronized (tickLock) {
            synchronized (lock) {
                control = pointControl;
            }
            claims.forget();
        }
        onChange.run();
    }

    /** The verifier for stored envelopes, or null. A stored schedule waiting for one is verified now. */
    public void setVerifier(DocumentVerifier documentVerifier) {
        synchronized (lock) {
            verifier = documentVerifier;
            if (verifier != null && awaitingVerification) {
                verifyStored();
            }
        }
        onChange.run();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long activeVersion() {
        synchronized (lock) {
            return installed == null ? 0 : installed.version();
        }
    }

    @Override
    public long install(VerifiedDocument document) throws DocumentRefusedException {
        synchronized (lock) {
            installLocked(document);
        }
        onChange.run();
        return document.version();
    }

    private void installLocked(VerifiedDocument document) throws DocumentRefusedException {
        if (!TYPE.equals(document.type())) {
            throw refuseInvalid("type: expected schedule, was " + document.type());
        }
        long running = installed == null ? 0 : installed.version();
        if (document.version() <= Math.max(running, versionFloor)) {
            counters.refusedReplayed.incrementAndGet();
            LOG.warn("schedule: version {} refused: not above version {}", document.version(),
                    Math.max(running, versionFloor));
            throw new DocumentRefusedException("replayed-version", "version " + document.version()
                    + " is not above version " + Math.max(running, versionFloor) + " already installed");
        }
        Schedule schedule;
        try {
            schedule = ScheduleParser.parse(document.json());
        } catch (InvalidScheduleException e) {
            throw refuseInvalid(e.getMessage());
        }
        if (schedule.version() != document.version()) {
            throw refuseInvalid("version: " + schedule.version() + " in the document, " + document.version()
                    + " verified");
        }
        StoredSchedule record = new StoredSchedule(document.version(), document.json(), document.envelope(),
                clock.instant());
        try {
            store.save(record);
        } catch (IOException e) {
            counters.storeFailures.incrementAndGet();
            LOG.error("schedule: cannot store version {} in {}: {}", document.version(), store.file(), e.toString());
            throw new DocumentRefusedException("store-failed", "the schedule could not be stored durably ("
                    + e.getMessage() + "); version " + running + " keeps running");
        }
        try {
            store.saveFloor(document.version());
        } catch (IOException e) {
            // Stored and installed all the same; only a corrupt schedule.json would now lower the floor.
            counters.storeFailures.incrementAndGet();
            LOG.error("schedule: version {} stored, but not its replay floor: {}", document.version(), e.toString());
        }
        installed = schedule;
        installedRecord = record;
        awaitingVerification = false;
        versionFloor = document.version();
        counters.installed.incrementAndGet();
        LOG.info("schedule: version {} installed and running ({} programs, {} group calendars)",
                schedule.version(), schedule.programs().size(), schedule.groups().size());
        warnUnknownGroups();
    }

    private DocumentRefusedException refuseInvalid(String message) {
        counters.refusedInvalid.incrementAndGet();
        LOG.warn("schedule: document refused: {}", message);
        return new DocumentRefusedException("invalid-document", message);
    }

    @Override
    public List<PlanStep> plan(long from, int hours) {
        Snapshot now = snapshot();
        Schedule schedule = now.schedule();
        if (hours <= 0) {
            return List.of();
        }
        Instant start = Instant.ofEpochMilli(from);
        Instant end = start.plus(Duration.ofHours(Math.min(hours, MAX_PLAN_HOURS)));
        List<PlanStep> steps = new ArrayList<>();
        Map<String, List<Lamp>> byCalendar = PlanBuilder.byKey(now.lamps(), l -> schedule.calendarKeyOf(l.group()));
        for (Map.Entry<String, List<Lamp>> e : byCalendar.entrySet()) {
            Timeline timeline = Timeline.of(schedule, schedule.calendar(e.getKey()), now.sun(), start, end);
            for (Lamp lamp : e.getValue()) {
                List<PointClaim> live = liveClaims(now.control(), lamp.deviceId(), from);
                for (String point : lamp.points()) {
                    List<PointClaim> higher = live.stream().filter(c -> c.point().equals(point)).toList();
                    steps.addAll(PlanBuilder.plan(lamp, point, timeline, higher, start, end, now.sun().zone()));
                }
            }
        }
        return PlanBuilder.sorted(steps);
    }

    /** The live claims on a device that outrank the schedule, highest first. */
    private static List<PointClaim> liveClaims(PointControl control, String deviceId, long at) {
        if (control == null) {
            return List.of();
        }
        try {
            return control.claims(deviceId).stream()
                    .filter(c -> c.source().outranks(ControlSource.SCHEDULE) && c.liveAt(at))
                    .sorted((a, b) -> b.source().compareTo(a.source()))
                    .toList();
        } catch (RuntimeException e) {
            LOG.warn("schedule: cannot read the claims of {}: {}", deviceId, e.toString());
            return List.of();
        }
    }

    private Schedule running() {
        return installed != null ? installed : builtin;
    }

    /** What a run or a plan works from, taken at one moment. */
    private record Snapshot(Schedule schedule, SunClock sun, List<Lamp> lamps, PointControl control) {
    }

    private Snapshot snapshot() {
        synchronized (lock) {
            return new Snapshot(running(), sun, lamps, control);
        }
    }

    private void loadStored() {
        versionFloor = Math.max(versionFloor, store.floor()); // also when schedule.json turns out corrupt
        Optional<StoredSchedule> stored;
        try {
            stored = store.load();
        } catch (ScheduleStore.CorruptStoreException | IOException e) {
            counters.storedRejected.incrementAndGet();
            LOG.error("schedule: {}; the built-in schedule runs, versions up to {} stay refused", e.getMessage(),
                    versionFloor);
            return;
        }
        if (stored.isEmpty()) {
            LOG.info("schedule: none installed yet; the built-in schedule runs");
            return;
        }
        StoredSchedule s = stored.get();
        versionFloor = Math.max(versionFloor, s.version()); // even if it cannot run, older versions stay refused
        Schedule schedule;
        try {
            schedule = ScheduleParser.parse(s.document());
        } catch (InvalidScheduleException e) {
            counters.storedRejected.incrementAndGet();
            LOG.error("schedule: stored version {} is not valid ({}); the built-in schedule runs", s.version(),
                    e.getMessage());
            return;
        }
        installed = schedule;
        installedRecord = s;
        awaitingVerification = s.envelope() != null;
        if (awaitingVerification && verifier != null) {
            verifyStored();
        } else if (awaitingVerification) {
            LOG.info("schedule: stored version {} runs; verified again once the verifier is there", s.version());
        } else {
            LOG.info("schedule: stored version {} (installed {}) runs", s.version(), s.installedAt());
        }
    }

    /** Called with the lock held, a verifier set and a stored envelope. */
    private void verifyStored() {
        try {
            VerifiedDocument d = verifier.verify(TYPE, installedRecord.envelope());
            if (d.version() != installedRecord.version() || !d.json().equals(installedRecord.document())) {
                rejectStored("its envelope holds another document (version " + d.version() + ")");
                return;
            }
            awaitingVerification = false;
            LOG.info("schedule: stored version {} verified again", installedRecord.version());
        } catch (DocumentRefusedException e) {
            if ("no-trust-key".equals(e.code())) {
                LOG.warn("schedule: stored version {} not verified yet: no trust key configured; it keeps running",
                        installedRecord.version());
                return;
            }
            rejectStored(e.code() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("schedule: the verifier failed on stored version {}: {}; tried again with the next verifier",
                    installedRecord.version(), e.toString());
        }
    }

    private void rejectStored(String why) {
        counters.storedRejected.incrementAndGet();
        LOG.error("schedule: stored version {} refused at start ({}); the built-in schedule runs",
                installedRecord.version(), why);
        installed = null;
        installedRecord = null;
        awaitingVerification = false;
    }

    private void warnUnknownGroups() {
        if (installed == null || lamps.isEmpty()) {
            return;
        }
        Set<String> unknown = new TreeSet<>(installed.groups().keySet());
        lamps.stream().map(Lamp::group).filter(g -> g != null).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            LOG.warn("schedule: version {} has calendars for groups without lamps on this site: {}",
                    installed.version(), unknown);
        }
    }
}
