package org.cityedge.rules.document;

import java.util.List;

/** A rule set that cannot run, with every problem found, each naming its rule and field. */
public class InvalidRuleSetException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidRuleSetException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
