package org.cityedge.aqi;

import java.util.Arrays;

/**
 * The six pollutants of VN_AQI and their breakpoints, as in Decision 1459/QD-TCMT (2019), table 1: concentrations
 * in ug/m3, O3 in the 1 h column (the hourly index never uses the 8 h one). The declaration order breaks ties for the
 * dominant pollutant.
 */
enum Pollutant {
    PM25("pm25", "vnAqiPm25", Double.NaN, 0, 25, 50, 80, 150, 250, 350, 500),
    PM10("pm10", "vnAqiPm10", Double.NaN, 0, 50, 150, 250, 350, 420, 500, 600),
    O3("o3", "vnAqiO3", 47.997, 0, 160, 200, 300, 400, 800, 1000, 1200),
    NO2("no2", "vnAqiNo2", 46.0055, 0, 100, 200, 700, 1200, 2350, 3100, 3850),
    SO2("so2", "vnAqiSo2", 64.066, 0, 125, 350, 550, 800, 1600, 2100, 2630),
    CO("co", "vnAqiCo", 28.010, 0, 10000, 30000, 45000, 60000, 90000, 120000, 150000);

    /** I_i: the index value at each breakpoint. */
    private static final double[] INDEX = {0, 50, 100, 150, 200, 300, 400, 500};
    static final double MAX_INDEX = 500;

    /** Canonical point name of the concentration (device-profiles/README.md). */
    final String point;
    /** Derived point name of the sub-index. */
    final String subIndexPoint;
    /** g/mol, for sensors that report a mixing ratio (ppm, ppb); NaN for particles. */
    final double molarMass;
    private final double[] breakpoints;

    Pollutant(String point, String subIndexPoint, double molarMass, double... breakpoints) {
        this.point = point;
        this.subIndexPoint = subIndexPoint;
        this.molarMass = molarMass;
        this.breakpoints = breakpoints;
    }

    boolean particulate() {
        return Double.isNaN(molarMass);
    }

    /** BP_i, for documentation and tests. */
    double[] breakpoints() {
        return Arrays.copyOf(breakpoints, breakpoints.length);
    }

    /**
     * AQI_x = (I_{i+1} - I_i) / (BP_{i+1} - BP_i) * (C_x - BP_i) + I_i for BP_i <= C_x < BP_{i+1}; 500 at and above
     * the last breakpoint. Not rounded: the index is rounded once, where it is published.
     */
    double subIndex(double microgramsPerCubicMetre) {
        double c = microgramsPerCubicMetre;
        if (!(c >= 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException(point + ": concentration must be a finite number >= 0, was " + c);
        }
        for (int i = 0; i < breakpoints.length - 1; i++) {
            if (c < breakpoints[i + 1]) {
                return (INDEX[i + 1] - INDEX[i]) / (breakpoints[i + 1] - breakpoints[i]) * (c - breakpoints[i])
                        + INDEX[i];
            }
        }
        return MAX_INDEX;
    }

    static Pollutant byPoint(String point) {
        for (Pollutant p : values()) {
            if (p.point.equals(point)) {
                return p;
            }
        }
        return null;
    }
}
