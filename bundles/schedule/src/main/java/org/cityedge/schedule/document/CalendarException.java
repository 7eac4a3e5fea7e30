package org.cityedge.schedule.document;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * Another program on some nights (a holiday, weekends). Every condition given must hold; absent ones do not limit.
 *
 * @param name     for people, may be empty
 * @param program  program run when it matches
 * @param from     first night of a range, or null
 * @param to       last night of the range (inclusive), or null
 * @param dates    single nights; empty for no limit
 * @param weekdays days of the week; empty for no limit
 */
public record CalendarException(String name, String program, LocalDate from, LocalDate to, Set<LocalDate> dates,
        Set<DayOfWeek> weekdays) {

    public CalendarException {
        Objects.requireNonNull(program, "program");
        name = name == null ? "" : name;
        dates = Set.copyOf(dates);
        weekdays = Set.copyOf(weekdays);
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("from and to go together");
        }
        if (from == null && dates.isEmpty() && weekdays.isEmpty()) {
            throw new IllegalArgumentException("an exception needs a range, dates or weekdays");
        }
    }

    /** True for the night beginning on {@code date}. */
    public boolean matches(LocalDate date) {
        boolean inRange = from == null || (!date.isBefore(from) && !date.isAfter(to));
        return inRange && (dates.isEmpty() || dates.contains(date))
                && (weekdays.isEmpty() || weekdays.contains(date.getDayOfWeek()));
    }
}
