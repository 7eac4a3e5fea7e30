package org.cityedge.schedule.document;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed, valid dimming schedule: night programs and the calendars that assign them to groups of lamps.
 *
 * @param version         the document's version; 0 for the built-in default
 * @param programs        programs by name
 * @param defaultCalendar for lamps without a group, or whose group has no calendar
 * @param groups          calendars by group name
 */
public record Schedule(long version, Map<String, Program> programs, ProgramCalendar defaultCalendar,
        Map<String, ProgramCalendar> groups) {

    /** Key of the default calendar among the calendar keys ({@link #calendarKeyOf}). */
    public static final String DEFAULT_CALENDAR = "";

    public Schedule {
        programs = Map.copyOf(new TreeMap<>(programs));
        groups = Map.copyOf(groups);
        Objects.requireNonNull(defaultCalendar, "defaultCalendar");
    }

    /** The key of the calendar a lamp of {@code group} (may be null) runs: its group, or the default. */
    public String calendarKeyOf(String group) {
        return group != null && groups.containsKey(group) ? group : DEFAULT_CALENDAR;
    }

    public ProgramCalendar calendar(String key) {
        return Optional.ofNullable(groups.get(key)).orElse(defaultCalendar);
    }

    public Program program(String name) {
        Program p = programs.get(name);
        if (p == null) {
            throw new IllegalStateException("no program " + name);
        }
        return p;
    }
}
