package org.cityedge.schedule.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.document.ProgramCalendar;
import org.cityedge.schedule.document.Schedule;

/**
 * The level a calendar sets, as a list of events in time order over a span of nights. Events of neighbouring
 * nights are merged by time; of several events at one instant only the last counts (the later night's, or the
 * later step), so a polar night's "off at noon" never flickers against the next night's "on at noon".
 */
public final class Timeline {

    private final List<LevelEvent> events;

    private Timeline(List<LevelEvent> events) {
        this.events = events;
    }

    /**
     * The events that decide the level from {@code from} to {@code to}: the nights from two dates before
     * {@code from} (whose last step is still in force at {@code from}) to one date after {@code to} (whose first
     * step ends the span).
     */
    public static Timeline of(Schedule schedule, ProgramCalendar calendar, SunClock sun, Instant from, Instant to) {
        LocalDate first = from.atZone(sun.zone()).toLocalDate().minusDays(2);
        LocalDate last = to.atZone(sun.zone()).toLocalDate().plusDays(1);
        List<LevelEvent> all = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            all.addAll(NightSteps.resolve(sun.night(d), schedule.program(calendar.programOn(d))));
        }
        all.sort(Comparator.comparing(LevelEvent::at)); // stable: later nights after earlier ones
        List<LevelEvent> collapsed = new ArrayList<>(all.size());
        for (LevelEvent e : all) {
            int lastIndex = collapsed.size() - 1;
            if (lastIndex >= 0 && collapsed.get(lastIndex).at().equals(e.at())) {
                collapsed.set(lastIndex, e);
            } else {
                collapsed.add(e);
            }
        }
        return new Timeline(List.copyOf(collapsed));
    }

    /** The event in force at {@code t}: the last one at or before it. */
    public Optional<LevelEvent> at(Instant t) {
        LevelEvent found = null;
        for (LevelEvent e : events) {
            if (e.at().isAfter(t)) {
                break;
            }
            found = e;
        }
        return Optional.ofNullable(found);
    }

    /** The first event after {@code t}. */
    public Optional<LevelEvent> after(Instant t) {
        return events.stream().filter(e -> e.at().isAfter(t)).findFirst();
    }

    /** Events with {@code from < at <= to}. */
    public List<LevelEvent> between(Instant from, Instant to) {
        return events.stream().filter(e -> e.at().isAfter(from) && !e.at().isAfter(to)).toList();
    }

    public List<LevelEvent> events() {
        return events;
    }
}
