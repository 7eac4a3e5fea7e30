package org.cityedge.rules.expr;

import java.util.Set;

import org.apache.commons.jexl3.JexlScript;

/**
 * An expression the sandbox accepted, with the variables it reads.
 *
 * @param source    as written in the rule set
 * @param script    the parsed form
 * @param variables names read, in order of appearance
 */
public record CompiledExpression(String source, JexlScript script, Set<String> variables) {

    public CompiledExpression {
        variables = Set.copyOf(variables);
    }
}
