package org.cityedge.simulator.model;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.cityedge.api.profile.DeviceKind;

/**
 * Environmental quantities following a day curve with slow, seeded noise: traffic pollutants peak in the
 * morning rush, ozone in the afternoon, temperature after noon, humidity before dawn, daylight at noon.
 */
final class EnvironmentBehaviour implements Behaviour {

    /** Noise decorrelates over about a minute of simulated time. */
    private static final double NOISE_SECONDS = 60;
    private static final Map<String, DayCurve> CURVES = Map.ofEntries(
            Map.entry("pm25", new DayCurve(35, 15, 8, 3, 0)),
            Map.entry("pm10", new DayCurve(60, 25, 8, 5, 0)),
            Map.entry("co", new DayCurve(800, 400, 8, 60, 0)),
            Map.entry("no2", new DayCurve(40, 20, 8, 4, 0)),
            Map.entry("so2", new DayCurve(10, 4, 12, 1, 0)),
            Map.entry("o3", new DayCurve(60, 40, 15, 5, 0)),
            Map.entry("temperature", new DayCurve(28, 5, 14, 0.3, -40)),
            Map.entry("relativeHumidity", new DayCurve(75, 15, 5, 2, 0)),
            Map.entry("atmosphericPressure", new DayCurve(1008, 1.5, 10, 0.3, 800)),
            Map.entry("pH", new DayCurve(7.2, 0.2, 15, 0.05, 0)),
            Map.entry("ph", new DayCurve(7.2, 0.2, 15, 0.05, 0)),
            Map.entry("O2", new DayCurve(6.5, 1.5, 15, 0.2, 0)),
            Map.entry("dissolvedOxygen", new DayCurve(6.5, 1.5, 15, 0.2, 0)),
            Map.entry("turbidity", new DayCurve(25, 5, 12, 2, 0)),
            Map.entry("conductivity", new DayCurve(450, 30, 15, 5, 0)),
            Map.entry("windSpeed", new DayCurve(3, 2, 15, 0.5, 0)),
            Map.entry("windDirection", new DayCurve(180, 60, 15, 10, 0)),
            Map.entry("batteryVoltage", new DayCurve(12.6, 0.4, 13, 0.02, 0)),
            Map.entry("cabinetTemperature", new DayCurve(32, 6, 15, 0.3, -40)));
    /** Canal water warms late and little. */
    private static final DayCurve WATER_TEMPERATURE = new DayCurve(29, 1.5, 16, 0.1, -5);
    private static final double NOON_LUX = 60000;

    private final Random random;
    private final DeviceKind kind;
    private final Map<String, Double> noise = new HashMap<>();

    EnvironmentBehaviour(DeviceKind kind, Random random) {
        this.kind = kind;
        this.random = random;
    }

    /** True when the profile has any quantity this behaviour drives. */
    static boolean appliesTo(PointValues v) {
        return v.has("illuminance") || CURVES.keySet().stream().anyMatch(v::has);
    }

    @Override
    public void start(PointValues v, ZonedDateTime now) {
        tick(v, now, 0);
    }

    @Override
    public void tick(PointValues v, ZonedDateTime now, double dt) {
        double hour = now.getHour() + now.getMinute() / 60.0 + now.getSecond() / 3600.0;
        double keep = Math.exp(-dt / NOISE_SECONDS);
        CURVES.forEach((name, curve) -> {
            if (v.has(name)) {
                DayCurve c = name.equals("temperature") && kind == DeviceKind.WATER_QUALITY ? WATER_TEMPERATURE
                        : curve;
                double n = noise.getOrDefault(name, 0.0) * keep
                        + c.noise() * Math.sqrt(1 - keep * keep) * random.nextGaussian();
                noise.put(name, n);
                v.put(name, Math.max(c.floor(), c.at(hour) + n));
            }
        });
        if (v.has("illuminance")) {
            double sun = Math.sin(Math.PI * (hour - 6) / 12);   // daylight from 06:00 to 18:00
            v.put("illuminance", sun > 0 ? NOON_LUX * sun : 0);
        }
    }
}
