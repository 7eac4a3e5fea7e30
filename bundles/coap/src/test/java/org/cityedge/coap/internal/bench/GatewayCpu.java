package org.cityedge.coap.internal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CPU of the gateway's own threads, and of the whole process, between two snapshots; and heap after GC. Gateway
 * threads: the CoapServer executors and the driver's scheduler (by name), the connector threads started with the
 * driver (plain UDP threads are named after the requested port 0, so they are told apart by being born during the
 * driver's start), and any connector thread named after the server's bound port. GC and JIT threads are in the
 * process figure only.
 */
final class GatewayCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final Pattern CALIFORNIUM = Pattern.compile("^(UDP-|DTLS-|:CoapEndpoint).*");

    private final Pattern gateway;
    private final Set<Long> bornWithDriver;

    /**
     * @param beforeDriver thread ids alive before the driver started
     * @param serverPort   the push server's bound port, which its DTLS threads carry in their names
     */
    GatewayCpu(Set<Long> beforeDriver, int serverPort) {
        gateway = Pattern.compile("^CoapServer.*|^coap-driver.*|.*:" + serverPort + "(\\D.*|$)");
        bornWithDriver = new HashSet<>(liveThreadIds());
        bornWithDriver.removeAll(beforeDriver);
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /** Thread CPU (ns) of every live gateway thread, by id; names kept for the report. */
    record Snapshot(Map<Long, Long> cpu, Map<Long, String> names, long processCpuNanos) {
    }

    Snapshot snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && isGateway(t)) {
                long ns = THREADS.getThreadCpuTime(t.getThreadId());
                if (ns >= 0) {
                    cpu.put(t.getThreadId(), ns);
                    names.put(t.getThreadId(), t.getThreadName());
                }
            }
        }
        return new Snapshot(cpu, names, processCpuNanos());
    }

    private boolean isGateway(ThreadInfo t) {
        String name = t.getThreadName();
        return gateway.matcher(name).matches()
                || bornWithDriver.contains(t.getThreadId()) && CALIFORNIUM.matcher(name).matches();
    }

    static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : THREADS.getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    /** Gateway thread CPU spent between the snapshots (threads born in between count from zero). */
    static long gatewayNanos(Snapshot from, Snapshot to) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : to.cpu().entrySet()) {
            sum += e.getValue() - from.cpu().getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** The same, by thread name with digits folded, for the human-readable lines. */
    static Map<String, Long> byGroup(Snapshot from, Snapshot to) {
        Map<String, Long> out = new TreeMap<>();
        to.cpu().forEach((id, ns) -> out.merge(to.names().get(id).replaceAll("[0-9]+", "N"),
                ns - from.cpu().getOrDefault(id, 0L), Long::sum));
        return out;
    }

    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static double heapMaxMib() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024.0 * 1024.0);
    }

    /** Heap in use after two full collections, in MiB. */
    static double heapAfterGcMib() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
