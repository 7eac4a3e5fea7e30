package org.cityedge.cabinet.io.internal.engine;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily windows ({@code HH:mm-HH:mm}, in the site's time zone) in which an open cabinet door is expected: a
 * technician at work, not tampering. A window may cross midnight ({@code 22:00-02:00}); the end is exclusive.
 */
public final class MaintenanceWindows {

    private record Window(LocalTime from, LocalTime to) {
        boolean contains(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }

    private final List<Window> windows;
    private final List<String> problems;

    private MaintenanceWindows(List<Window> windows, List<String> problems) {
        this.windows = List.copyOf(windows);
        this.problems = List.copyOf(problems);
    }

    /** Parses the configured entries; a bad entry is left out and reported in {@link #problems()}. */
    public static MaintenanceWindows parse(String[] specs) {
        List<Window> windows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String spec : specs == null ? new String[0] : specs) {
            if (spec == null || spec.isBlank()) {
                continue;
            }
            String[] ends = spec.trim().split("\\s*-\\s*");
            try {
                if (ends.length != 2) {
                    throw new IllegalArgumentException("not HH:mm-HH:mm");
                }
                LocalTime from = LocalTime.parse(ends[0]);
                LocalTime to = LocalTime.parse(ends[1]);
                if (from.equals(to)) {
                    throw new IllegalArgumentException("empty window");
                }
                windows.add(new Window(from, to));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                problems.add("maintenance window '" + spec + "' ignored: " + e.getMessage()
                        + " (expected e.g. 08:00-17:00 or 22:00-02:00)");
            }
        }
        return new MaintenanceWindows(windows, problems);
    }

    public boolean contains(Instant when, ZoneId zone) {
        LocalTime t = when.atZone(zone).toLocalTime();
        return windows.stream().anyMatch(w -> w.contains(t));
    }

    public List<String> problems() {
        return problems;
    }

    public int size() {
        return windows.size();
    }
}
