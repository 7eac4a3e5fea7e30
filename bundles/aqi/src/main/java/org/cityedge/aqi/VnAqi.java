package org.cityedge.aqi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One station's hourly index: the concentration each sub-index comes from (NowCast for PM, the 1 h average for
 * gases), the sub-indices (not rounded) and the dominant pollutant; no dominant when the index is not available.
 */
record VnAqi(Map<Pollutant, Double> concentrations, Map<Pollutant, Double> subIndices, Pollutant dominant) {

    VnAqi {
        concentrations = Collections.unmodifiableMap(new EnumMap<>(concentrations));
        subIndices = Collections.unmodifiableMap(new EnumMap<>(subIndices));
    }

    /** The decision's hourly rules applied to a station's history, for the pollutants it measures. */
    static VnAqi hourly(HourlyHistory history, Set<Pollutant> measured) {
        Map<Pollutant, Double> concentrations = new EnumMap<>(Pollutant.class);
        Map<Pollutant, Double> subIndices = new EnumMap<>(Pollutant.class);
        for (Pollutant p : measured) {
            double[] series = history.series(p);
            OptionalDouble c = p.particulate() ? NowCast.of(series)
                    : Double.isNaN(series[0]) ? OptionalDouble.empty() : OptionalDouble.of(series[0]);
            if (c.isPresent()) {
                concentrations.put(p, c.getAsDouble());
                subIndices.put(p, p.subIndex(c.getAsDouble()));
            }
        }
        Pollutant dominant = null;
        if (subIndices.containsKey(Pollutant.PM25) || subIndices.containsKey(Pollutant.PM10)) {
            for (Map.Entry<Pollutant, Double> e : subIndices.entrySet()) { // enum order: PM2.5 wins a tie
                if (dominant == null || e.getValue() > subIndices.get(dominant)) {
                    dominant = e.getKey();
                }
            }
        }
        return new VnAqi(concentrations, subIndices, dominant);
    }

    /** False when neither PM10 nor PM2.5 has a sub-index: the decision then gives no VN_AQI. */
    boolean available() {
        return dominant != null;
    }

    /** VN_AQI: the largest sub-index, rounded. */
    long index() {
        if (!available()) {
            throw new IllegalStateException("no VN_AQI: neither PM10 nor PM2.5 has a sub-index");
        }
        return Math.round(subIndices.get(dominant));
    }

    AqiBand band() {
        return AqiBand.of(index());
    }
}
