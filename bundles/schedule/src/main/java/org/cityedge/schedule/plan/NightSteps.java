package org.cityedge.schedule.plan;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.cityedge.schedule.astro.Darkness;
import org.cityedge.schedule.astro.Night;
import org.cityedge.schedule.document.Anchor;
import org.cityedge.schedule.document.Program;
import org.cityedge.schedule.document.Step;

/**
 * Resolves a night program's steps to instants for one night window. Times from 12:00 fall on the night's first
 * date, earlier times on the next date; so 23:00, 00:30 and sunrise of one night stay in order across midnight.
 * A window the sun never leaves (midnight sun) has no night: the program is replaced by one "off" at its start.
 */
final class NightSteps {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private NightSteps() {
    }

    /** The events in time order; events at the same instant keep document order (the later one wins). */
    static List<LevelEvent> resolve(Night night, Program program) {
        ZoneId zone = night.start().getZone();
        if (night.noNight()) {
            return List.of(new LevelEvent(night.start().toInstant(), 0, program.name(),
                    "no night (sun up from noon to noon), program " + program.name()));
        }
        List<LevelEvent> events = new ArrayList<>(program.steps().size());
        for (Step step : program.steps()) {
            Resolved r = resolve(night, step);
            Instant at = r.anchor().plusSeconds(60L * step.offsetMinutes());
            boolean plainTime = step.anchor() == Anchor.TIME && step.offsetMinutes() == 0;
            String when = step.describeTime() + (plainTime ? "" : " (" + HH_MM.format(at.atZone(zone)) + ")");
            String note = r.note().isEmpty() ? "" : "; " + r.note();
            events.add(new LevelEvent(at, step.level(), program.name(), when + ", program " + program.name() + note));
        }
        events.sort(Comparator.comparing(LevelEvent::at)); // stable: ties keep document order
        return events;
    }

    private record Resolved(Instant anchor, String note) {
    }

    private static Resolved resolve(Night night, Step step) {
        if (step.anchor() == Anchor.TIME) {
            LocalTime t = step.time();
            var date = t.isBefore(LocalTime.NOON) ? night.date().plusDays(1) : night.date();
            return new Resolved(date.atTime(t).atZone(night.start().getZone()).toInstant(), "");
        }
        boolean civil = step.anchor() == Anchor.DUSK || step.anchor() == Anchor.DAWN;
        Optional<Darkness> dark = civil ? night.civil() : night.sun();
        Darkness d = dark.orElseThrow(); // present whenever the window has a night
        boolean evening = step.anchor() == Anchor.SUNSET || step.anchor() == Anchor.DUSK;
        return new Resolved(evening ? d.begins() : d.ends(), d.note());
    }
}
