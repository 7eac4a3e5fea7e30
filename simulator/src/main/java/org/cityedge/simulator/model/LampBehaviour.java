package org.cityedge.simulator.model;

import java.time.ZonedDateTime;
import java.util.Random;

import org.cityedge.api.profile.DeviceKind;

/**
 * A lamp (or a cabinet's lighting circuit): power follows on/off and dim level, energy and burning hours
 * accumulate, switching on counts, and a failed lamp draws nothing while switched on and raises lampFailure.
 */
final class LampBehaviour implements Behaviour {

    static final String[] ON = {"powerState", "lampOn", "contactorState", "switchState", "relayState"};
    static final String DIM = "dimLevel";
    private static final double NOMINAL_VOLTAGE = 230;
    private static final double NOMINAL_FREQUENCY = 50;

    private final Random random;
    private final double ratedPower;
    private final DayCurve ambient = new DayCurve(28, 5, 14, 0, -40);
    private boolean failed;

    LampBehaviour(DeviceKind kind, Random random) {
        this.random = random;
        this.ratedPower = kind == DeviceKind.CABINET_CONTROLLER ? 1500 : 120;
    }

    /** True when the profile describes something that lights. */
    static boolean appliesTo(PointValues v) {
        return v.first(ON) != null || v.has(DIM);
    }

    void fail(boolean failed) {
        this.failed = failed;
    }

    boolean failed() {
        return failed;
    }

    @Override
    public void start(PointValues v, ZonedDateTime now) {
        v.put(v.first(ON), 1);
        v.put(DIM, 100);
        v.put("activeEnergy", 0);
        v.put("operatingHours", 0);
        v.put("switchCount", 0);
        tick(v, now, 0);
    }

    @Override
    public void tick(PointValues v, ZonedDateTime now, double dt) {
        boolean on = v.get(v.first(ON), 1) != 0;
        double dim = Math.max(0, Math.min(100, v.get(DIM, 100)));
        double power = on && !failed ? ratedPower * dim / 100 : 0;
        double pf = power > 0 ? 0.90 + 0.07 * dim / 100 : 0;
        double voltage = NOMINAL_VOLTAGE + random.nextGaussian() * 1.0;
        double hour = now.getHour() + now.getMinute() / 60.0;

        v.put("activePower", power);
        v.put("powerFactor", pf);
        v.put("voltage", voltage);
        v.put("current", pf > 0 ? power / (voltage * pf) : 0);
        for (int phase = 1; phase <= 3; phase++) {
            double vPhase = NOMINAL_VOLTAGE + random.nextGaussian() * 1.0;
            v.put("voltageL" + phase, vPhase);
            v.put("currentL" + phase, pf > 0 ? power / 3 / (vPhase * pf) : 0);
        }
        v.put("frequency", NOMINAL_FREQUENCY + random.nextGaussian() * 0.02);
        v.put("gearTemperature", ambient.at(hour) + 20 * power / ratedPower);
        v.put("lampFailure", failed ? 1 : 0);
        v.put("activeEnergy", v.get("activeEnergy", 0) + power * dt / 3.6e6);   // W * s -> kWh
        if (on && !failed) {
            v.put("operatingHours", v.get("operatingHours", 0) + dt / 3600);
        }
    }

    @Override
    public void written(PointValues v, String point, double before, double after) {
        if (point.equals(v.first(ON)) && before == 0 && after != 0) {
            v.put("switchCount", v.get("switchCount", 0) + 1);
        }
    }
}
