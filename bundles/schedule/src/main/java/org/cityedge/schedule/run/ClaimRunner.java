package org.cityedge.schedule.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.document.Schedule;
import org.cityedge.schedule.plan.Lamp;
import org.cityedge.schedule.plan.LevelEvent;
import org.cityedge.schedule.plan.PlanBuilder;
import org.cityedge.schedule.plan.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the schedule into claims on the point arbiter. At every run it works out, for each lamp point, the claim
 * the schedule wants now (value of the step in force, owner = its program, until = the next step) and places it
 * unless the very same claim is already placed. So a run at a step re-claims, a run after a restart or a clock jump
 * claims what is due at once, and a run in between costs nothing.
 */
final class ClaimRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimRunner.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** The span searched for the next step; a program always has one within a night. */
    static final Duration LOOKAHEAD = Duration.ofDays(1);
    /** How the arbiter's WriteResult.error starts for a claim it refused and did not keep. */

    private record PointKey(String deviceId, String point) {
    }

    private final ScheduleCounters counters;
    /** The claims placed and not known to have failed. */
    private final Map<PointKey, PointClaim> placed = new ConcurrentHashMap<>();
    private final Map<String, LevelEvent> lastLogged = new HashMap<>();

    ClaimRunner(ScheduleCounters counters) {
        this.counters = counters;
    }

    /** Forgets what was placed, e.g. for a new arbiter that knows none of it. */
    void forget() {
        placed.clear();
        lastLogged.clear();
    }

    /** Places what is due at {@code now}; returns when the next step is due. */
    Instant apply(Schedule schedule, SunClock sun, List<Lamp> lamps, PointControl control, Instant now) {
        Instant horizon = now.plus(LOOKAHEAD);
        Instant wake = horizon;
        Set<PointKey> wanted = new HashSet<>();
        Map<String, List<Lamp>> byCalendar = PlanBuilder.byKey(lamps, l -> schedule.calendarKeyOf(l.group()));
        for (Map.Entry<String, List<Lamp>> e : byCalendar.entrySet()) {
            Timeline timeline = Timeline.of(schedule, schedule.calendar(e.getKey()), sun, now, horizon);
            Optional<LevelEvent> current = timeline.at(now);
            Instant next = timeline.after(now).map(LevelEvent::at).orElse(horizon);
            wake = next.isBefore(wake) ? next : wake;
            if (current.isEmpty()) {
                continue;
            }
            logStep(e.getKey(), e.getValue().size(), current.get(), next, sun.zone());
            for (Lamp lamp : e.getValue()) {
                for (Map.Entry<String, Object> v : lamp.valuesFor(current.get().level()).entrySet()) {
                    PointKey key = new PointKey(lamp.deviceId(), v.getKey());
                    wanted.add(key);
                    place(control, key, new PointClaim(lamp.deviceId(), v.getKey(), v.getValue(),
                            ControlSource.SCHEDULE, current.get().program(), next.toEpochMilli()), now);
                }
            }
        }
        for (Map.Entry<PointKey, PointClaim> e : placed.entrySet()) {
            if (!wanted.contains(e.getKey()) && placed.remove(e.getKey(), e.getValue())) {
                release(control, e.getValue(), now);
            }
        }
        return wake;
    }

    private void place(PointControl control, PointKey key, PointClaim claim, Instant now) {
        if (control == null) {
            return;
        }
        PointClaim old = placed.get(key);
        if (claim.equals(old)) {
            return;
        }
        if (old != null && !old.owner().equals(claim.owner())) {
            release(control, old, now);
        }
        placed.put(key, claim);
        counters.claimsPlaced.incrementAndGet();
        try {
            control.claim(claim).whenComplete((result, error) -> {
                if (error != null) {
                    failed(key, claim, error);
                } else if (refused(result)) {
                    // The arbiter did not keep it (e.g. its site not loaded yet): the next run claims again.
                    failed(key, claim, new IllegalStateException(result.write().error()));
                } else if (result != null && !result.ok()) {
                    LOG.debug("schedule: {}.{} = {} placed, the write failed: {}", claim.deviceId(), claim.point(),
                            claim.value(), result.write());
                }
            });
        } catch (RuntimeException e) {
            failed(key, claim, e);
        }
    }

    /** A claim the arbiter turned away without storing it, unlike a stored claim whose write failed. */
    private static boolean refused(ClaimResult result) {
        return result != null && result.refused();
    }

    private void failed(PointKey key, PointClaim claim, Throwable error) {
        counters.claimFailures.incrementAndGet();
        placed.remove(key, claim); // placed again at the next run
        LOG.warn("schedule: claim {}.{} = {} failed: {}", claim.deviceId(), claim.point(), claim.value(),
                error.toString());
    }

    private void release(PointControl control, PointClaim old, Instant now) {
        if (control == null || !old.liveAt(now.toEpochMilli())) {
            return; // an expired claim has ended by itself
        }
        counters.releases.incrementAndGet();
        try {
            control.release(old.deviceId(), old.point(), old.source(), old.owner());
        } catch (RuntimeException e) {
            LOG.warn("schedule: release of {}.{} ({}) failed: {}", old.deviceId(), old.point(), old.owner(),
                    e.toString());
        }
    }

    private void logStep(String calendar, int lamps, LevelEvent current, Instant next, ZoneId zone) {
        if (current.equals(lastLogged.put(calendar, current))) {
            return;
        }
        LOG.info("schedule: {} ({} lamps) at {} % from {} until {}", calendar.isEmpty() ? "default" : calendar,
                lamps, current.level(), current.reason(), HH_MM.format(next.atZone(zone)));
    }
}
