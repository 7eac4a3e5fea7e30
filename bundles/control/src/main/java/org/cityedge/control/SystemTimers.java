package org.cityedge.control;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on the system clock and one daemon thread, which also serves as the control path's executor. */
public final class SystemTimers implements Timers, Executor, AutoCloseable {

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

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
