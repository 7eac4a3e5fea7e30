/**
 * The gateway's local rules, running offline too: conditions over the latest canonical samples, the time of day
 * and the sun's position; actions that claim writable points through the point arbiter (source RULE, owner the
 * rule id), raise and clear alarms and publish events. Debounce, hysteresis (separate on and off conditions) and
 * hold times keep rules from chattering. Rule sets are signed policy documents ({@code type: ruleset}, schema in
 * docs/mqtt/ruleset.schema.json, language in docs/rules/README.md): validated as a whole, stored durably, swapped
 * atomically, rolled back when they fail in their first minutes.
 *
 * <p>Why JEXL rather than CEL: Apache Commons JEXL 3 is one 0.6 MB jar with one dependency (the commons-logging
 * interface) and an OSGi manifest, while CEL for Java brings protobuf and Guava (several MB, no manifest) into a
 * gateway with a 64 MB heap. CEL's strong point, a language without loops or side effects by construction, JEXL
 * reaches through {@code JexlFeatures} (loops, assignments, {@code new}, lambdas, method calls, pragmas,
 * annotations, collection literals off) and {@code JexlPermissions} (only the rule functions' package is visible);
 * the rest (regular expressions, namespaces, unknown functions, property access, length and nesting) is refused
 * by {@link org.cityedge.rules.expr.Sandbox} before a rule set is accepted, and every evaluation is cancelled once
 * it exceeds its time limit ({@link org.cityedge.rules.expr.EvaluationGuard}). JEXL is embedded privately.
 */
package org.cityedge.rules;
