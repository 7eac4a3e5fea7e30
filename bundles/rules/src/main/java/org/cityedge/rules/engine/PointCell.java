package org.cityedge.rules.engine;

import java.util.Arrays;
import java.util.Objects;

import org.cityedge.api.model.Quality;

/** The latest value of one point of one device, and the rule instances reading it. */
final class PointCell {

    private static final RuleInstance[] NONE = new RuleInstance[0];

    Object value;
    Quality quality;
    long time;
    RuleInstance[] readers = NONE;

    /** True when this sample differs from what the cell held (value, or whether it is usable). */
    boolean update(Object newValue, Quality newQuality, long newTime) {
        boolean changed = !Objects.equals(value, newValue) || usable(quality) != usable(newQuality);
        value = newValue;
        quality = newQuality;
        time = newTime;
        return changed;
    }

    /** A value a condition can use: present and not BAD (STALE is the last good value). */
    boolean usable() {
        return value != null && usable(quality);
    }

    private static boolean usable(Quality q) {
        return q != null && q != Quality.BAD;
    }

    void addReader(RuleInstance instance) {
        for (RuleInstance r : readers) {
            if (r == instance) {
                return;
            }
        }
        readers = Arrays.copyOf(readers, readers.length + 1);
        readers[readers.length - 1] = instance;
    }

    void clearReaders() {
        readers = NONE;
    }
}
