package org.cityedge.simulator.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A device's engineering values by canonical name (bitfield members by their own names). Behaviours write outputs
 * with {@link #put}, which leaves pinned names alone: a value set from outside (control socket, test) on a point
 * the model computes stays until released, so a test can hold rainRate at 30 mm/h and watch the water rise.
 */
public final class PointValues {

    private final Set<String> names;
    private final Map<String, Double> values = new HashMap<>();
    private final Set<String> pinned = new HashSet<>();

    PointValues(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** True when the profile has a point (or bitfield member) of this name. */
    public boolean has(String name) {
        return names.contains(name);
    }

    /** The first of {@code aliases} the profile has, or null. */
    public String first(String... aliases) {
        for (String a : aliases) {
            if (has(a)) {
                return a;
            }
        }
        return null;
    }

    /** The value, or {@code fallback} when it was never set (or {@code name} is null). */
    public double get(String name, double fallback) {
        Double v = name == null ? null : values.get(name);
        return v == null ? fallback : v;
    }

    /** True once a value was stored under this name. */
    public boolean isSet(String name) {
        return values.containsKey(name);
    }

    /** A model output: stored unless the name is pinned or null. */
    public void put(String name, double value) {
        if (name != null && !pinned.contains(name)) {
            values.put(name, value);
        }
    }

    /** A value from outside the model (a write or a test): stored even when pinned. */
    void force(String name, double value) {
        values.put(name, value);
    }

    /** Holds {@code value} against the model until {@link #release}. */
    void pin(String name, double value) {
        pinned.add(name);
        values.put(name, value);
    }

    void release(String name) {
        pinned.remove(name);
    }

    /** True when the value is held against the model. */
    public boolean pinned(String name) {
        return pinned.contains(name);
    }
}
