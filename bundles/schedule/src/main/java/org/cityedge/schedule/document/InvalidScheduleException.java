package org.cityedge.schedule.document;

import java.util.List;

/** A schedule document that cannot run; each problem names its field, e.g. {@code programs.night.steps[1].level}. */
public class InvalidScheduleException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int MAX_IN_MESSAGE = 10;

    private final List<String> problems;

    public InvalidScheduleException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(MAX_IN_MESSAGE, problems.size())));
        int more = problems.size() - MAX_IN_MESSAGE;
        return more > 0 ? shown + "; and " + more + " more" : shown;
    }
}
