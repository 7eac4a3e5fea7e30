package org.cityedge.simulator.model;

/**
 * A daily cycle: {@code base + amplitude * cos(2 pi (hour - peakHour) / 24)}, clipped at {@code floor}.
 *
 * @param base      daily mean
 * @param amplitude half the daily swing
 * @param peakHour  local hour of the maximum
 * @param noise     standard deviation of the slow random deviation added on top
 * @param floor     lowest physical value
 */
public record DayCurve(double base, double amplitude, double peakHour, double noise, double floor) {

    /** The curve at local hour {@code hour} (fractional). */
    public double at(double hour) {
        return Math.max(floor, base + amplitude * Math.cos(2 * Math.PI * (hour - peakHour) / 24));
    }
}
