package org.cityedge.schedule.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * A resolved step: from {@code at} the lamps of one calendar run at {@code level} percent (0 is off).
 *
 * @param at      when
 * @param level   0-100
 * @param program the program it comes from (the owner of the claims it makes)
 * @param reason  for people, e.g. {@code sunset+10min (18:02), program night}
 */
public record LevelEvent(Instant at, int level, String program, String reason) {

    public LevelEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(reason, "reason");
    }
}
