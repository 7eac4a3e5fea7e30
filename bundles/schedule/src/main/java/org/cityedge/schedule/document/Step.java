package org.cityedge.schedule.document;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One step of a night program: from the resolved time on, the lamps run at {@code level} percent (0 is off).
 *
 * @param anchor        what the time is measured from
 * @param time          the local time for {@link Anchor#TIME}, else null
 * @param offsetMinutes added to the anchor
 * @param level         0-100
 */
public record Step(Anchor anchor, LocalTime time, int offsetMinutes, int level) {

    public Step {
        Objects.requireNonNull(anchor, "anchor");
        if ((anchor == Anchor.TIME) != (time != null)) {
            throw new IllegalArgumentException("a time is given exactly for TIME steps");
        }
        if (level < 0 || level > 100) {
            throw new IllegalArgumentException("level must be 0-100, was " + level);
        }
    }

    public static Step at(Anchor anchor, int offsetMinutes, int level) {
        return new Step(anchor, null, offsetMinutes, level);
    }

    public static Step at(LocalTime time, int level) {
        return new Step(Anchor.TIME, time, 0, level);
    }

    /** As written in a document, e.g. {@code sunset-10min} or {@code 23:00}. */
    public String describeTime() {
        String base = anchor == Anchor.TIME ? time.toString() : anchor.wireName();
        if (offsetMinutes == 0) {
            return base;
        }
        return base + (offsetMinutes > 0 ? "+" : "") + offsetMinutes + "min";
    }
}
