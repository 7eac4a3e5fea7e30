package org.cityedge.rules.support;

import java.time.Instant;
import java.util.function.LongSupplier;

/** A clock the test moves by hand. */
public final class FakeClock implements LongSupplier {

    private long now;

    public FakeClock(Instant start) {
        now = start.toEpochMilli();
    }

    @Override
    public long getAsLong() {
        return now;
    }

    public void advanceSeconds(double seconds) {
        now += Math.round(seconds * 1000);
    }

    public void set(Instant at) {
        now = at.toEpochMilli();
    }
}
