package org.cityedge.schedule.astro;

import java.time.Instant;
import java.util.Objects;

/**
 * When it is dark during one night window, for one definition of dark (sun below the horizon, or below civil
 * twilight). Where the sun does not cross that line inside the window (polar night, or the sun still down at noon)
 * the window's own edge stands in, and {@code note} says so.
 *
 * @param begins when darkness begins (sunset or dusk)
 * @param ends   when it ends (sunrise or dawn), after {@code begins}
 * @param note   for people, empty when both are real crossings
 */
public record Darkness(Instant begins, Instant ends, String note) {

    public Darkness {
        Objects.requireNonNull(begins, "begins");
        Objects.requireNonNull(ends, "ends");
        note = note == null ? "" : note;
    }
}
