package org.cityedge.control.command;

import java.util.List;

import org.cityedge.api.control.PointClaim;

/**
 * The IOC overrides in force, kept durably so that an override holds until its end across a restart of the
 * gateway (claims on the arbiter live in memory; rules and schedules place theirs again when they start).
 */
interface OverrideStore extends AutoCloseable {

    /** Nothing kept: overrides end with the process. */
    OverrideStore NONE = new OverrideStore() {
        @Override
        public void placed(PointClaim claim) {
        }

        @Override
        public void released(String deviceId, String point, String owner) {
        }

        @Override
        public List<PointClaim> live(long now) {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    void placed(PointClaim claim);

    void released(String deviceId, String point, String owner);

    /**
     * Keeps the {@code placed} overrides and forgets the {@code released} ones (their device, point and owner) in one
     * commit: a command on a group of lamps costs one flush to flash, not two per point.
     */
    default void update(List<PointClaim> placed, List<PointClaim> released) {
        placed.forEach(this::placed);
        released.forEach(c -> released(c.deviceId(), c.point(), c.owner()));
    }

    /** The overrides that have not ended at {@code now}; the ended ones are forgotten. */
    List<PointClaim> live(long now);

    @Override
    void close();
}
