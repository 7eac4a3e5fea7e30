package org.cityedge.simulator.model;

import java.time.ZonedDateTime;

/** A sonde's optical wiper: written on, it runs one cleaning cycle and switches itself off. */
final class WiperBehaviour implements Behaviour {

    static final String WIPER = "wiperActive";
    private static final double CYCLE_SECONDS = 10;

    private double secondsLeft;

    static boolean appliesTo(PointValues v) {
        return v.has(WIPER);
    }

    @Override
    public void start(PointValues v, ZonedDateTime now) {
        v.put(WIPER, 0);
    }

    @Override
    public void tick(PointValues v, ZonedDateTime now, double dt) {
        if (secondsLeft > 0) {
            secondsLeft -= dt;
            if (secondsLeft <= 0) {
                v.put(WIPER, 0);
            }
        }
    }

    @Override
    public void written(PointValues v, String point, double before, double after) {
        if (point.equals(WIPER) && after != 0) {
            secondsLeft = CYCLE_SECONDS;
        }
    }
}
