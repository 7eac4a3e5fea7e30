package org.cityedge.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * A snapshot of this JVM's CPU and GC counters; the difference of two is what a measuring window cost.
 *
 * @param wallNanos         {@link System#nanoTime()}
 * @param processCpuNanos   CPU time of the whole process
 * @param engineCpuNanos    CPU time of the live threads whose name starts with {@code modbus-} (the engine's)
 * @param gcCount           collections so far
 * @param gcMillis          time spent collecting so far
 */
record JvmUsage(long wallNanos, long processCpuNanos, long engineCpuNanos, long gcCount, long gcMillis) {

    private static final String ENGINE_THREAD_PREFIX = "modbus-";

    static JvmUsage now() {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmUsage(System.nanoTime(), processCpu(), engineCpu(), gcCount, gcMillis);
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long engineCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(ENGINE_THREAD_PREFIX)) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** CPU used between {@code before} and this snapshot, in % of one core. */
    double processCpuPercentSince(JvmUsage before) {
        return 100.0 * (processCpuNanos - before.processCpuNanos) / (wallNanos - before.wallNanos);
    }

    /** CPU of the engine's threads between {@code before} and this snapshot, in % of one core. */
    double engineCpuPercentSince(JvmUsage before) {
        return 100.0 * (engineCpuNanos - before.engineCpuNanos) / (wallNanos - before.wallNanos);
    }
}
