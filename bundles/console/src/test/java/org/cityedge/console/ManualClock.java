package org.cityedge.console;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A clock tests move by hand. */
public final class ManualClock implements LongSupplier {

    private final AtomicLong now;

    public ManualClock(long start) {
        now = new AtomicLong(start);
    }

    @Override
    public long getAsLong() {
        return now.get();
    }

    public void advance(long ms) {
        now.addAndGet(ms);
    }
}
