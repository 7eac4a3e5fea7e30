package org.cityedge.aqi;

import java.util.OptionalDouble;

/** The decision's NowCast of PM10 and PM2.5 over the last 12 hourly averages. */
final class NowCast {

    static final int HOURS = 12;

    private NowCast() {
    }

    /**
     * @param hourly c1 (the latest hour) first, up to 12 values; NaN marks a missing hour
     * @return empty when fewer than 2 of c1, c2, c3 exist (the decision then gives no PM sub-index)
     */
    static OptionalDouble of(double[] hourly) {
        int recent = 0;
        for (int i = 0; i < Math.min(3, hourly.length); i++) {
            recent += Double.isNaN(hourly[i]) ? 0 : 1;
        }
        if (recent < 2) {
            return OptionalDouble.empty();
        }
        int hours = Math.min(HOURS, hourly.length);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < hours; i++) {
            if (!Double.isNaN(hourly[i])) {
                min = Math.min(min, hourly[i]);
                max = Math.max(max, hourly[i]);
            }
        }
        if (max == 0) {
            return OptionalDouble.of(0); // clean air: w* is 0/0, and every weighting gives 0
        }
        double ratio = min / max;
        double w = ratio <= 0.5 ? 0.5 : ratio;
        double weighted = 0;
        double weights = 0;
        double weight = 1; // w^(i-1), advanced for missing hours too: they keep their place, only their term goes
        for (int i = 0; i < hours; i++) {
            if (!Double.isNaN(hourly[i])) {
                weighted += weight * hourly[i];
                weights += weight;
            }
            weight *= w;
        }
        return OptionalDouble.of(weighted / weights);
    }
}
