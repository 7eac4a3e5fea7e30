package org.cityedge.console.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests the console turned away (every 4xx answer), by status: shown in the status so abuse is visible. */
public final class Refusals {

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    public void count(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public long total() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> copy = new TreeMap<>();
        byStatus.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
