package org.cityedge.simulator.model;

import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Rain and water level: showers start at random (seeded), the gauge accumulates precipitation, and the level rises
 * towards an equilibrium that grows with the rain rate, relaxing back to its dry-weather base when rain stops.
 * Holding rainRate (pinning it from outside) drives the level deterministically.
 */
final class HydrologyBehaviour implements Behaviour {

    static final String[] RAIN = {"rainRate", "rain", "precipitationRate"};
    static final String[] LEVEL = {"currentLevel", "waterLevel", "level"};
    private static final double BASE_LEVEL_M = 1.2;
    /** Metres of equilibrium rise per mm/h of rain and hour of the catchment's time constant. */
    private static final double GAIN_M_PER_MM = 0.02;
    private static final double TAU_HOURS = 6;
    private static final double SHOWERS_PER_HOUR = 0.1;
    private static final double SHOWER_MINUTES = 40;

    private final Random random;
    private double showerRate;
    private double showerSecondsLeft;

    HydrologyBehaviour(Random random) {
        this.random = random;
    }

    static boolean appliesTo(PointValues v) {
        return v.first(RAIN) != null || v.first(LEVEL) != null || v.has("precipitation");
    }

    @Override
    public void start(PointValues v, ZonedDateTime now) {
        v.put(v.first(RAIN), 0);
        v.put("precipitation", 0);
        v.put(v.first(LEVEL), BASE_LEVEL_M);
        v.put("referenceLevel", 0);
        v.put("precipitationReset", 0);
        tick(v, now, 0);
    }

    @Override
    public void tick(PointValues v, ZonedDateTime now, double dt) {
        String rainName = v.first(RAIN);
        double rate;
        if (rainName != null && v.pinned(rainName)) {
            rate = v.get(rainName, 0);
        } else {
            rate = weather(dt);
            v.put(rainName, rate);
        }
        v.put("precipitation", v.get("precipitation", 0) + rate * dt / 3600);
        String levelName = v.first(LEVEL);
        if (levelName != null) {
            double equilibrium = BASE_LEVEL_M + GAIN_M_PER_MM * rate * TAU_HOURS;
            double level = v.get(levelName, BASE_LEVEL_M);
            level = equilibrium + (level - equilibrium) * Math.exp(-dt / 3600 / TAU_HOURS);
            v.put(levelName, level);
            double aboveReference = level - v.get("referenceLevel", 0);
            v.put("levelAlarm", aboveReference >= 3.0 ? 3 : aboveReference >= 2.5 ? 2 : aboveReference >= 2.0 ? 1 : 0);
        }
    }

    /** The random rain rate in mm/h after {@code dt} seconds. */
    private double weather(double dt) {
        if (showerSecondsLeft > 0) {
            showerSecondsLeft -= dt;
            if (showerSecondsLeft <= 0) {
                showerRate = 0;
            }
        } else if (random.nextDouble() < SHOWERS_PER_HOUR * dt / 3600) {
            showerRate = 2 + random.nextDouble() * 38;
            showerSecondsLeft = -Math.log(1 - random.nextDouble()) * SHOWER_MINUTES * 60;
        }
        return showerRate;
    }

    @Override
    public void written(PointValues v, String point, double before, double after) {
        if (point.equals("precipitationReset") && after != 0) {
            v.put("precipitation", 0);
            v.put("precipitationReset", 0);   // the coil is a trigger: it reads back 0
        }
    }
}
