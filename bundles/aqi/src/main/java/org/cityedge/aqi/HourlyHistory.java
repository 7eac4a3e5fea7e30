package org.cityedge.aqi;

import java.util.Arrays;

/**
 * The last 12 closed hours of one station, one row of hourly averages per hour (NaN = no valid average), newest
 * first. Rows are pushed for every clock hour, with or without data, so position i is always i hours back. This
 * is all the history an hourly index needs (NowCast looks back 12 hours), and all that is kept.
 */
final class HourlyHistory {

    static final int HOURS = NowCast.HOURS;

    private final double[][] rows = new double[HOURS][];
    private int newest = -1;

    void push(double[] averages) {
        newest = (newest + 1) % HOURS;
        rows[newest] = averages.clone();
    }

    /** c1 (the newest hour) ... c12 of one pollutant; NaN where missing. */
    double[] series(Pollutant pollutant) {
        double[] series = new double[HOURS];
        for (int back = 0; back < HOURS; back++) {
            double[] row = newest < 0 ? null : rows[Math.floorMod(newest - back, HOURS)];
            series[back] = row == null ? Double.NaN : row[pollutant.ordinal()];
        }
        return series;
    }

    /** True when no hour holds a value. */
    boolean empty() {
        for (double[] row : rows) {
            if (row != null && Arrays.stream(row).anyMatch(v -> !Double.isNaN(v))) {
                return false;
            }
        }
        return true;
    }

    /** Hours held (at most 12). */
    int size() {
        int size = 0;
        for (double[] row : rows) {
            size += row == null ? 0 : 1;
        }
        return size;
    }

    HourlyHistory copy() {
        HourlyHistory copy = new HourlyHistory();
        for (int i = 0; i < HOURS; i++) {
            copy.rows[i] = rows[i];
        }
        copy.newest = newest;
        return copy;
    }
}
