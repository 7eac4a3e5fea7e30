package org.cityedge.aqi;

import java.util.Locale;

/**
 * Converts a reading to ug/m3, the unit of the breakpoints. cityedge profiles report every gas in ug/m3 already; a
 * sensor that reports a mixing ratio is converted at the decision's molar volume, 24.45 L/mol (25 Cel, 1 atm).
 */
final class Concentrations {

    static final double MOLAR_VOLUME_L = 24.45;

    private Concentrations() {
    }

    /** @throws IllegalArgumentException naming the unit when it is not a concentration this pollutant can have */
    static double toMicrogramsPerCubicMetre(Pollutant pollutant, double value, String unit) {
        switch (unit) {
            case "ug/m3":
                return value;
            case "mg/m3":
                return value * 1000;
            case "[ppm]", "ppm":
                return mixingRatio(pollutant, unit) * value * 1000 / MOLAR_VOLUME_L;
            case "[ppb]", "ppb":
                return mixingRatio(pollutant, unit) * value / MOLAR_VOLUME_L;
            default:
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: unit '%s' is not a concentration (expected ug/m3, mg/m3, [ppm] or [ppb])",
                        pollutant.point, unit));
        }
    }

    private static double mixingRatio(Pollutant pollutant, String unit) {
        if (pollutant.particulate()) {
            throw new IllegalArgumentException(pollutant.point + ": unit '" + unit
                    + "' is a mixing ratio, which particles cannot have (expected ug/m3 or mg/m3)");
        }
        return pollutant.molarMass;
    }
}
