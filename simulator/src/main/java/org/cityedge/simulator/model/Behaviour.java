package org.cityedge.simulator.model;

import java.time.ZonedDateTime;

/** One aspect of a device's physics, keyed on the canonical point names its profile has. */
public interface Behaviour {

    /** Sets initial values (the simulation clock reads {@code now}). */
    void start(PointValues v, ZonedDateTime now);

    /** Advances the model by {@code dtSeconds} of simulated time ending at {@code now}. */
    void tick(PointValues v, ZonedDateTime now, double dtSeconds);

    /** Reacts to a point written by the master (or set from outside): {@code before} is the previous value. */
    default void written(PointValues v, String point, double before, double after) {
    }
}
