package org.cityedge.rules.document;

import java.util.List;
import java.util.Map;

/**
 * One rule of a rule set.
 *
 * @param index               position in the document's {@code rules}, for error messages
 * @param id                  unique in the set; owner of the rule's claims, {@code rule} of its events
 * @param enabled             false: kept in the document, never run
 * @param scope               the devices it runs for, one instance each; null for a single, gateway-wide instance
 * @param inputs              variables bound to a point of a named device, by alias
 * @param when                the on condition
 * @param until               the off condition while active (hysteresis), or null: off when {@code when} is false
 * @param debounceMillis      {@code when} must hold this long before the rule fires
 * @param clearDebounceMillis the off condition must hold this long before the rule ends
 * @param holdMillis          least time the rule stays active once fired
 * @param actions             what it does when it fires and ends
 * @param canonical           the rule's JSON, normalized: equal text means an unchanged rule across versions
 */
public record RuleDefinition(int index, String id, boolean enabled, Scope scope, Map<String, PointRef> inputs,
        String when, String until, long debounceMillis, long clearDebounceMillis, long holdMillis,
        List<RuleAction> actions, String canonical) {

    public RuleDefinition {
        inputs = Map.copyOf(inputs);
        actions = List.copyOf(actions);
    }

    /** Where a field of this rule is, for people: {@code rules[2] (photocell).until}. */
    public String where(String field) {
        return Where.rule(index, id, field);
    }
}
