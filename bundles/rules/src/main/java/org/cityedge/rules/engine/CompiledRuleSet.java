package org.cityedge.rules.engine;

import java.util.List;

/**
 * A rule set that passed every check and can be swapped in.
 *
 * @param version  the document's version; 0 for the empty set that runs before any was installed
 * @param rules    the enabled rules
 * @param total    rules in the document, disabled ones included
 */
public record CompiledRuleSet(long version, List<CompiledRule> rules, int total) {

    public static final CompiledRuleSet EMPTY = new CompiledRuleSet(0, List.of(), 0);

    public CompiledRuleSet {
        rules = List.copyOf(rules);
    }
}
