package org.cityedge.schedule.document;

/** What a step's time is measured from. */
public enum Anchor {
    /** Upper limb of the sun at the horizon, with refraction, in the evening. */
    SUNSET,
    /** The same in the morning. */
    SUNRISE,
    /** Civil dusk: the sun 6 degrees below the horizon, in the evening. */
    DUSK,
    /** Civil dawn. */
    DAWN,
    /** A local time of day. */
    TIME;

    /** The name used in schedule documents. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
