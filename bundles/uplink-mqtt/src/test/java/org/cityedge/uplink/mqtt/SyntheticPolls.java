package org.cityedge.uplink.mqtt;

import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;

/** Polls of streetlight controllers as the field layer delivers them: one list per device per poll. */
final class SyntheticPolls {

    private static final String[] POINTS = { "activePower", "dimmingLevel", "voltage", "current", "powerFactor",
            "energyConsumed", "frequency", "temperature", "illuminance", "lampFailure", "powerState",
            "relativeHumidity", "pm25", "pm10", "NO2", "O3", "CO", "noiseLevel", "burningHours", "switchCount" };
    private static final String[] UNITS = { "W", "%", "V", "A", "", "kW.h", "Hz", "Cel", "lx", "", "", "%",
            "ug/m3", "ug/m3", "ug/m3", "ug/m3", "mg/m3", "dB", "h", "" };

    private SyntheticPolls() {
    }

    static List<Sample> poll(String device, int points, long n, long time) {
        List<Sample> samples = new ArrayList<>(points);
        for (int p = 0; p < points; p++) {
            String name = POINTS[p % POINTS.length] + (p < POINTS.length ? "" : String.valueOf(p));
            String unit = UNITS[p % UNITS.length];
            Object value = switch (p % POINTS.length) {
                case 9 -> n % 97 == 0;
                case 10 -> "on";
                case 18, 19 -> n + p;
                default -> Math.round((100 + p * 3.7 + Math.sin(n / 10.0 + p) * 20) * 100) / 100.0;
            };
            samples.add(p == 7 && n % 50 == 0 ? Sample.bad(device, name, unit, time, "timeout")
                    : new Sample(device, name, value, unit, time, Quality.GOOD, null));
        }
        return samples;
    }
}
