package org.cityedge.aqi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cityedge.api.model.Sample;

/**
 * The points this bundle adds to an air-quality station's telemetry (documented in README.md and beside the
 * canonical names in device-profiles/README.md). A value that the decision's rules cannot give this hour is sent
 * with quality BAD and a reason, so the IOC and the rules see the gap instead of an old value.
 */
final class DerivedPoints {

    static final String VN_AQI = "vnAqi";
    static final String BAND = "vnAqiBand";
    static final String DOMINANT = "vnAqiDominant";
    static final String LIVE = "vnAqiLive";
    static final String LIVE_DOMINANT = "vnAqiLiveDominant";
    static final String NOWCAST_SUFFIX = "NowCast";
    static final String CONCENTRATION_UNIT = "ug/m3";

    /** A sub-index lacks data: PM with fewer than 2 of the last 3 hours, a gas without a valid 1 h average. */
    static final String INSUFFICIENT_DATA = "insufficient-data";
    /** Neither PM10 nor PM2.5 has a sub-index, so the decision gives no VN_AQI. */
    static final String NO_PM = "no-pm-sub-index";

    private DerivedPoints() {
    }

    static String nowCastPoint(Pollutant pm) {
        return pm.point + NOWCAST_SUFFIX;
    }

    /** The hourly index of the hour ending at {@code hourEnd}, stamped with that time. */
    static List<Sample> hourly(String device, VnAqi aqi, Set<Pollutant> measured, long hourEnd) {
        List<Sample> samples = new ArrayList<>(3 + 2 * measured.size());
        if (aqi.available()) {
            samples.add(Sample.good(device, VN_AQI, aqi.index(), "", hourEnd));
            samples.add(Sample.good(device, BAND, aqi.band().code, "", hourEnd));
            samples.add(Sample.good(device, DOMINANT, aqi.dominant().point, "", hourEnd));
        } else {
            samples.add(Sample.bad(device, VN_AQI, "", hourEnd, NO_PM));
            samples.add(Sample.bad(device, BAND, "", hourEnd, NO_PM));
            samples.add(Sample.bad(device, DOMINANT, "", hourEnd, NO_PM));
        }
        for (Pollutant p : measured) {
            Double subIndex = aqi.subIndices().get(p);
            samples.add(subIndex == null ? Sample.bad(device, p.subIndexPoint, "", hourEnd, INSUFFICIENT_DATA)
                    : Sample.good(device, p.subIndexPoint, Math.round(subIndex), "", hourEnd));
        }
        for (Pollutant p : measured) {
            if (p.particulate()) {
                Double c = aqi.concentrations().get(p);
                samples.add(c == null
                        ? Sample.bad(device, nowCastPoint(p), CONCENTRATION_UNIT, hourEnd, INSUFFICIENT_DATA)
                        : Sample.good(device, nowCastPoint(p), Math.round(c * 10) / 10.0, CONCENTRATION_UNIT,
                                hourEnd));
            }
        }
        return samples;
    }

    /** The estimate over the hour so far. */
    static List<Sample> live(String device, VnAqi aqi, long now) {
        if (!aqi.available()) {
            return List.of(Sample.bad(device, LIVE, "", now, NO_PM), Sample.bad(device, LIVE_DOMINANT, "", now, NO_PM));
        }
        return List.of(Sample.good(device, LIVE, aqi.index(), "", now),
                Sample.good(device, LIVE_DOMINANT, aqi.dominant().point, "", now));
    }
}
