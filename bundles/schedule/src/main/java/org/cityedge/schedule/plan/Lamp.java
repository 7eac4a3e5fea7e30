package org.cityedge.schedule.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A device the schedule drives: one with a writable {@code dimLevel} and/or {@code powerState}.
 *
 * @param deviceId  device id in the site file
 * @param group     its group, or null
 * @param dimmable  has a writable dimLevel
 * @param switchable has a writable powerState
 */
public record Lamp(String deviceId, String group, boolean dimmable, boolean switchable) {

    public static final String DIM_LEVEL = "dimLevel";
    public static final String POWER_STATE = "powerState";

    public Lamp {
        Objects.requireNonNull(deviceId, "deviceId");
        if (!dimmable && !switchable) {
            throw new IllegalArgumentException(deviceId + " has neither dimLevel nor powerState");
        }
    }

    /** The points this lamp has, in a fixed order. */
    public List<String> points() {
        if (dimmable && switchable) {
            return List.of(POWER_STATE, DIM_LEVEL);
        }
        return List.of(dimmable ? DIM_LEVEL : POWER_STATE);
    }

    /**
     * What the schedule claims for a level: on and dimmed, or off. A lamp with a relay is switched off by its relay
     * and its dim level left alone, so an operator who switches it on in daylight does not get a lamp at 0 %.
     */
    public Map<String, Object> valuesFor(int level) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (switchable) {
            values.put(POWER_STATE, level > 0);
        }
        if (dimmable && (level > 0 || !switchable)) {
            values.put(DIM_LEVEL, (double) level);
        }
        return values;
    }
}
