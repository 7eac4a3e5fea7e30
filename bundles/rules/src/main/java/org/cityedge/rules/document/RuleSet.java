package org.cityedge.rules.document;

import java.util.List;

/**
 * A rule set document as read and checked against its schema.
 *
 * @param version   only grows
 * @param site      site it is meant for, or null
 * @param gatewayId gateway it is meant for, or null
 * @param rules     the rules, in document order (disabled ones included)
 */
public record RuleSet(long version, String site, String gatewayId, List<RuleDefinition> rules) {

    public RuleSet {
        rules = List.copyOf(rules);
    }
}
