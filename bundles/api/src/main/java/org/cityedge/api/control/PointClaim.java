package org.cityedge.api.control;

import java.util.Objects;

/**
 * A source's wish for the value of one writable canonical point of one device, e.g. the schedule wants
 * {@code sl-001.dimLevel = 50} until 05:40. Without any live claim a device keeps its own default.
 *
 * @param deviceId device id in the site file
 * @param point    canonical name of a read-write point (e.g. {@code dimLevel}, {@code powerState},
 *                 {@code contactorState})
 * @param value    {@link Double}, {@link Long} or {@link Boolean}, in the point's unit
 * @param source   who asks; decides the priority
 * @param owner    which one of that source: a command id, a rule id, a schedule program; a new claim of the same
 *                 device, point, source and owner replaces the old one
 * @param until    epoch milliseconds at which the claim ends by itself; {@link Long#MAX_VALUE} for never
 */
public record PointClaim(String deviceId, String point, Object value, ControlSource source, String owner,
        long until) {

    public PointClaim {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(owner, "owner");
        if (!(value instanceof Double || value instanceof Long || value instanceof Boolean)) {
            throw new IllegalArgumentException("value of " + point + " must be Double, Long or Boolean, was "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }

    /** True when the claim still holds at {@code now}. */
    public boolean liveAt(long now) {
        return now < until;
    }
}
