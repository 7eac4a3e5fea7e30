package org.cityedge.schedule.document;

import java.util.List;
import java.util.Objects;

/** A night program: named steps, in document order (ties on the same instant go to the later step). */
public record Program(String name, List<Step> steps) {

    public Program {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("program " + name + " has no steps");
        }
    }
}
