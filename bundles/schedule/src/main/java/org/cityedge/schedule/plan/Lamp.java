package org.cityedge.schedule.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A device the schedule drives: one with a writable {@code dimLevel}, {@code powerState} and/or
 * {@code contactorState} (a cabinet controller's lighting circuit).
 *
 * @param deviceId   device id in the site file
 * @param group      its group, or null
 * @param dimmable   has a writable dimLevel
 * @param switchable has a writable powerState
 * @param contactor  has a writable contactorState
 */
public record Lamp(String deviceId, String group, boolean dimmable, boolean switchable, boolean contactor) {

    public static final String DIM_LEVEL = "dimLevel";
    public static final String POWER_STATE = "powerState";
    public static final String CONTACTOR_STATE = "contactorState";

    public Lamp {
        Objects.requireNonNull(deviceId, "deviceId");
        if (!dimmable && !switchable && !contactor) {
            throw new IllegalArgumentException(deviceId + " has neither dimLevel, powerState nor contactorState");
        }
    }

    /** A lamp without a contactor. */
    public Lamp(String deviceId, String group, boolean dimmable, boolean switchable) {
        this(deviceId, group, dimmable, switchable, false);
    }

    /** The points this lamp has, in a fixed order. */
    public List<String> points() {
        List<String> points = new ArrayList<>(3);
        if (contactor) {
            points.add(CONTACTOR_STATE);
        }
        if (switchable) {
            points.add(POWER_STATE);
        }
        if (dimmable) {
            points.add(DIM_LEVEL);
        }
        return points;
    }

    /**
     * What the schedule claims for a level: on and dimmed, or off. A lamp with a relay is switched off by its relay
     * and its dim level left alone, so an operator who switches it on in daylight does not get a lamp at 0 %. A
     * contactor is closed while the level is above 0, so a circuit an override left open is closed again at night.
     */
    public Map<String, Object> valuesFor(int level) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (contactor) {
            values.put(CONTACTOR_STATE, level > 0);
        }
        if (switchable) {
            values.put(POWER_STATE, level > 0);
        }
        if (dimmable && (level > 0 || !switchable)) {
            values.put(DIM_LEVEL, (double) level);
        }
        return values;
    }
}
