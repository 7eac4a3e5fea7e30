package org.cityedge.api.control;

/** Who asks for a point's value. Declared from lowest to highest priority: a higher source wins while its claim lives. */
public enum ControlSource {
    /** The dimming schedule (astronomical clock, fixed-time steps). */
    SCHEDULE,
    /** A local rule (e.g. flood on this street: lights to 100 %). */
    RULE,
    /** An operator at the IOC (or a technician), until the override ends. */
    OVERRIDE;

    /** True when this source wins over {@code other}. */
    public boolean outranks(ControlSource other) {
        return compareTo(other) > 0;
    }
}
