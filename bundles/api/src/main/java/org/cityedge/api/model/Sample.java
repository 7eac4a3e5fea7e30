package org.cityedge.api.model;

import java.util.Objects;

/**
 * One value of one canonical point of one device.
 *
 * @param deviceId  the device's id in the site file
 * @param point     canonical point name (FIWARE Smart Data Models where they have one), e.g. {@code activePower}
 * @param value     a {@link Double}, {@link Long}, {@link Boolean} or {@link String}; {@code null} when BAD
 * @param unit      UCUM / SenML unit symbol, e.g. {@code W}, {@code ug/m3}; empty for unitless values
 * @param timestamp when the value was read, in milliseconds since the epoch (UTC)
 * @param quality   how far the value can be trusted
 * @param reason    why the quality is not GOOD (e.g. {@code timeout}, {@code exception:2}); {@code null} when GOOD
 */
public record Sample(String deviceId, String point, Object value, String unit, long timestamp, Quality quality,
        String reason) {

    public Sample {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(quality, "quality");
        unit = unit == null ? "" : unit;
        if (value != null && !(value instanceof Double || value instanceof Long || value instanceof Boolean
                || value instanceof String)) {
            throw new IllegalArgumentException("value of " + point + " must be Double, Long, Boolean or String, was "
                    + value.getClass().getSimpleName());
        }
    }

    /** A good reading. */
    public static Sample good(String deviceId, String point, Object value, String unit, long timestamp) {
        return new Sample(deviceId, point, value, unit, timestamp, Quality.GOOD, null);
    }

    /** A reading that failed: no value, with the reason. */
    public static Sample bad(String deviceId, String point, String unit, long timestamp, String reason) {
        return new Sample(deviceId, point, null, unit, timestamp, Quality.BAD, reason);
    }

    /** This sample's last good value, re-stamped as STALE at {@code now} for the given reason. */
    public Sample asStale(long now, String why) {
        return new Sample(deviceId, point, value, unit, now, Quality.STALE, why);
    }
}
