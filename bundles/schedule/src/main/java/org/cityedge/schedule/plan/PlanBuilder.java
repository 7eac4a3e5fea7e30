package org.cityedge.schedule.plan;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PlanStep;
import org.cityedge.api.control.PointClaim;

/**
 * The effective plan of one lamp point: the schedule's values over a span, overlaid with the live claims that
 * outrank the schedule (an override until its end, a rule while it holds). A step is listed when the value or its
 * source changes.
 */
public final class PlanBuilder {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private PlanBuilder() {
    }

    /**
     * @param lamp     the lamp
     * @param point    one of its points
     * @param timeline its calendar's timeline, covering the span
     * @param higher   live claims on this point that outrank the schedule, highest first
     * @param from     start of the span
     * @param to       end of the span
     * @param zone     the site's time zone, for the reasons
     */
    public static List<PlanStep> plan(Lamp lamp, String point, Timeline timeline, List<PointClaim> higher,
            Instant from, Instant to, ZoneId zone) {
        TreeSet<Instant> changes = new TreeSet<>();
        changes.add(from);
        timeline.between(from, to).forEach(e -> changes.add(e.at()));
        for (PointClaim c : higher) {
            if (c.until() != Long.MAX_VALUE && c.until() > from.toEpochMilli() && c.until() <= to.toEpochMilli()) {
                changes.add(Instant.ofEpochMilli(c.until()));
            }
        }
        List<PlanStep> steps = new ArrayList<>();
        PlanStep previous = null;
        for (Instant t : changes) {
            PlanStep step = stepAt(lamp, point, timeline, higher, t, zone);
            if (step != null && (previous == null || !Objects.equals(previous.value(), step.value())
                    || previous.source() != step.source())) {
                steps.add(step);
                previous = step;
            }
        }
        return steps;
    }

    private static PlanStep stepAt(Lamp lamp, String point, Timeline timeline, List<PointClaim> higher, Instant t,
            ZoneId zone) {
        long ms = t.toEpochMilli();
        for (PointClaim c : higher) {
            if (c.liveAt(ms)) {
                String until = c.until() == Long.MAX_VALUE ? "" : " until "
                        + HH_MM.format(Instant.ofEpochMilli(c.until()).atZone(zone));
                return new PlanStep(ms, lamp.deviceId(), point, c.value(), c.source(),
                        c.source().name().toLowerCase(Locale.ROOT) + " " + c.owner() + until);
            }
        }
        return timeline.at(t).map(e -> {
            Object value = lamp.valuesFor(e.level()).get(point);
            return value == null ? null
                    : new PlanStep(ms, lamp.deviceId(), point, value, ControlSource.SCHEDULE, e.reason());
        }).orElse(null);
    }

    /** All steps of all lamps, in time order, then by device and point. */
    public static List<PlanStep> sorted(List<PlanStep> steps) {
        List<PlanStep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingLong(PlanStep::at).thenComparing(PlanStep::deviceId)
                .thenComparing(PlanStep::point));
        return sorted;
    }

    /** Helper for callers that group lamps by calendar. */
    public static <K> Map<K, List<Lamp>> byKey(List<Lamp> lamps, Function<Lamp, K> key) {
        Map<K, List<Lamp>> map = new LinkedHashMap<>();
        for (Lamp l : lamps) {
            map.computeIfAbsent(key.apply(l), k -> new ArrayList<>()).add(l);
        }
        return map;
    }
}
