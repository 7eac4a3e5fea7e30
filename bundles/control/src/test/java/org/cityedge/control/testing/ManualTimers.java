package org.cityedge.control.testing;

import java.util.PriorityQueue;

import org.cityedge.control.Timers;

/** Time that moves only when the test says so; due tasks run on the test's thread, in time order. */
public final class ManualTimers implements Timers {

    private record Task(long at, long order, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long now;
    private long order;

    public ManualTimers(long start) {
        now = start;
    }

    @Override
    public synchronized long now() {
        return now;
    }

    @Override
    public synchronized Cancellable at(long epochMillis, Runnable run) {
        Task task = new Task(epochMillis, order++, run);
        tasks.add(task);
        return () -> {
            synchronized (ManualTimers.this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves time forward, running every task that falls due on the way. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        for (int i = 0; i < 10_000; i++) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.at);
            }
            next.run.run();
        }
        throw new AssertionError("more than 10000 timer tasks in one advance: a timer loop?");
    }

    public synchronized int pending() {
        return tasks.size();
    }
}
