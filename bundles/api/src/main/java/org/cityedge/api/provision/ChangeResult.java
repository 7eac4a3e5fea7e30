package org.cityedge.api.provision;

import java.util.List;

/**
 * The outcome of a change: applied whole, or refused with the problems and nothing changed.
 *
 * @param applied  true when every part of the change is in effect
 * @param problems why it was refused; empty when applied
 * @param notes    what a person should know about an applied change (e.g. "uplink reconnects with the new broker")
 */
public record ChangeResult(boolean applied, List<FieldProblem> problems, List<String> notes) {

    public ChangeResult {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        if (applied && !problems.isEmpty()) {
            throw new IllegalArgumentException("an applied change has no problems");
        }
    }

    public static ChangeResult applied(List<String> notes) {
        return new ChangeResult(true, List.of(), notes);
    }

    public static ChangeResult refused(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one problem");
        }
        return new ChangeResult(false, problems, List.of());
    }

    public static ChangeResult refused(String field, String message) {
        return refused(List.of(new FieldProblem(field, message)));
    }
}
