package org.cityedge.schedule.document;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Which program a group runs on a given night: the first matching exception's, else its own. */
public record ProgramCalendar(String program, List<CalendarException> exceptions) {

    public ProgramCalendar {
        Objects.requireNonNull(program, "program");
        exceptions = List.copyOf(exceptions);
    }

    public static ProgramCalendar always(String program) {
        return new ProgramCalendar(program, List.of());
    }

    /** The program of the night beginning on {@code date}. */
    public String programOn(LocalDate date) {
        for (CalendarException e : exceptions) {
            if (e.matches(date)) {
                return e.program();
            }
        }
        return program;
    }
}
