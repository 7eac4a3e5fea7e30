package org.cityedge.api.control;

import java.util.Objects;

/**
 * One step of the dimming plan: from {@code at}, the schedule sets {@code point} of the device to {@code value}.
 *
 * @param at       epoch milliseconds
 * @param deviceId the device
 * @param point    e.g. {@code dimLevel} or {@code powerState}
 * @param value    {@link Double}, {@link Long} or {@link Boolean}
 * @param source   who sets it: the schedule, or a known override or rule claim running through that time
 * @param reason   for people, e.g. {@code sunset+10min, program residential}
 */
public record PlanStep(long at, String deviceId, String point, Object value, ControlSource source, String reason) {

    public PlanStep {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(source, "source");
    }
}
