package org.cityedge.schedule.document;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schedule a gateway runs until the IOC pushes one (version 0): on at sunset, an optional reduced level from a
 * time of night, off at sunrise. A fresh gateway thus never leaves a street dark.
 */
public final class BuiltinSchedule {

    /** Name of its one program, the owner of its claims. */
    public static final String PROGRAM = "builtin";

    private BuiltinSchedule() {
    }

    /**
     * @param onOffsetMinutes  minutes after sunset the lamps go on (negative: before)
     * @param onLevel          level from then, 1-100
     * @param reducedAt        local time of the reduced level, or null for none
     * @param reducedLevel     the reduced level, 1-100
     * @param offOffsetMinutes minutes after sunrise the lamps go off
     */
    public static Schedule of(int onOffsetMinutes, int onLevel, LocalTime reducedAt, int reducedLevel,
            int offOffsetMinutes) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.at(Anchor.SUNSET, onOffsetMinutes, onLevel));
        if (reducedAt != null) {
            steps.add(Step.at(reducedAt, reducedLevel));
        }
        steps.add(Step.at(Anchor.SUNRISE, offOffsetMinutes, 0));
        return new Schedule(0, Map.of(PROGRAM, new Program(PROGRAM, steps)), ProgramCalendar.always(PROGRAM),
                Map.of());
    }

    /** Sunset to sunrise at 100 %, 50 % from 23:00. */
    public static Schedule standard() {
        return of(0, 100, LocalTime.of(23, 0), 50, 0);
    }
}
