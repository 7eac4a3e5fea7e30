package org.cityedge.control;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on the system clock and one daemon thread, which also serves as the control path's executor. */
public final class SystemTimers implements Timers, Executor, AutoCloseable {

    private static final long CLOSE_WAIT_MS = 2_000;

    private final ScheduledThreadPoolExecutor scheduler;

    public SystemTimers(String threadName) {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long now() {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable at(long epochMillis, Runnable task) {
        long delay = Math.max(0, epochMillis - now());
        var future = scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable command) {
        scheduler.execute(command);
    }

    /**
     * Drops the timers but lets queued steps run (briefly), so nobody waits forever on a future one of them would
     * have completed.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (scheduler.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }
}
