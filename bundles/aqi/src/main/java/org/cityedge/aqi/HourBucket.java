package org.cityedge.aqi;

import java.util.Arrays;

/** The good readings of one station in one clock hour: per pollutant a sum, a count and the 5-minute slots covered. */
final class HourBucket {

    /** An hour is split into this many slots to judge how much of it the readings cover. */
    static final int SLOTS = 12;
    private static final long SLOT_MS = HourGrid.HOUR_MS / SLOTS;

    final long hourStart;
    private final double[] sum = new double[Pollutant.values().length];
    private final int[] count = new int[Pollutant.values().length];
    private final int[] slotMask = new int[Pollutant.values().length];

    HourBucket(long hourStart) {
        this.hourStart = hourStart;
    }

    void add(Pollutant pollutant, double microgramsPerCubicMetre, long timestamp) {
        int slot = (int) Math.max(0, Math.min(SLOTS - 1, (timestamp - hourStart) / SLOT_MS));
        int i = pollutant.ordinal();
        sum[i] += microgramsPerCubicMetre;
        count[i]++;
        slotMask[i] |= 1 << slot;
    }

    /** Mean per pollutant (by ordinal); NaN where readings cover fewer than {@code minSlots} slots or none. */
    double[] averages(int minSlots) {
        double[] averages = new double[sum.length];
        Arrays.fill(averages, Double.NaN);
        for (int i = 0; i < sum.length; i++) {
            if (count[i] > 0 && Integer.bitCount(slotMask[i]) >= minSlots) {
                averages[i] = sum[i] / count[i];
            }
        }
        return averages;
    }

    static double[] missing() {
        double[] row = new double[Pollutant.values().length];
        Arrays.fill(row, Double.NaN);
        return row;
    }
}
