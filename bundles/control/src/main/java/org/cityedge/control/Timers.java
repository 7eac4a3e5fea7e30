package org.cityedge.control;

/**
 * Time for the control path: the current time and tasks at a time. Production uses the system clock and one
 * scheduler thread; tests move time by hand.
 */
public interface Timers {

    /** Epoch milliseconds now. */
    long now();

    /** Runs {@code task} at {@code epochMillis} (at once if that has passed). */
    Cancellable at(long epochMillis, Runnable task);

    /** A scheduled task. */
    interface Cancellable {
        void cancel();
    }
}
