package org.cityedge.rules.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.rules.document.PointRef;
import org.cityedge.rules.document.RuleDefinition;
import org.cityedge.rules.expr.CompiledExpression;

/**
 * A rule ready to run: its conditions compiled, and every variable it reads resolved to a point (of the instance's
 * own device, or of a named device through an input) or to a time variable.
 */
public final class CompiledRule {

    private final RuleDefinition definition;
    private final CompiledExpression when;
    private final CompiledExpression until;
    private final String[] pointNames;
    private final PointRef[] pointInputs;
    private final Map<String, Integer> pointIndex = new HashMap<>();
    private final boolean timeDependent;
    private final String[] timeReads;

    /**
     * @param points        variables read from points, in slot order
     * @param inputs        per slot: the named device's point, or null for the instance's own device
     * @param timeReads     the time and sun variables the conditions read (re-evaluated as time passes)
     */
    CompiledRule(RuleDefinition definition, CompiledExpression when, CompiledExpression until, List<String> points,
            List<PointRef> inputs, List<String> timeReads) {
        this.definition = definition;
        this.when = when;
        this.until = until;
        this.pointNames = points.toArray(String[]::new);
        this.pointInputs = inputs.toArray(PointRef[]::new);
        for (int i = 0; i < pointNames.length; i++) {
            pointIndex.put(pointNames[i], i);
        }
        this.timeReads = timeReads.toArray(String[]::new);
        this.timeDependent = !timeReads.isEmpty();
    }

    public RuleDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    CompiledExpression when() {
        return when;
    }

    CompiledExpression until() {
        return until;
    }

    int slots() {
        return pointNames.length;
    }

    String slotName(int slot) {
        return pointNames[slot];
    }

    /** The device and point of a slot for an instance on {@code deviceId}. */
    PointRef slotPoint(int slot, String deviceId) {
        PointRef input = pointInputs[slot];
        return input != null ? input : new PointRef(deviceId, pointNames[slot]);
    }

    /** The slot of a variable read from a point, or -1. */
    int slot(String name) {
        Integer i = pointIndex.get(name);
        return i == null ? -1 : i;
    }

    String[] timeReads() {
        return timeReads;
    }

    boolean timeDependent() {
        return timeDependent;
    }

    boolean scoped() {
        return definition.scope() != null;
    }
}
