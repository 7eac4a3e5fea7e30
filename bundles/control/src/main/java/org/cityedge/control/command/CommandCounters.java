package org.cityedge.control.command;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.control.Json;

/** What the command handler has seen since start, for the status reply. */
final class CommandCounters {

    final AtomicLong received = new AtomicLong();
    final AtomicLong repeated = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong partial = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    void refused(String code) {
        refused.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    long refusedCount(String code) {
        LongAdder n = refused.get(code);
        return n == null ? 0 : n.sum();
    }

    void concluded(String status) {
        switch (status) {
            case Reply.OK -> ok.incrementAndGet();
            case Reply.PARTIAL -> partial.incrementAndGet();
            default -> failed.incrementAndGet();
        }
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("received", received.get());
        json.put("repeated", repeated.get());
        json.put("ok", ok.get());
        json.put("partial", partial.get());
        json.put("failed", failed.get());
        ObjectNode byCode = json.putObject("refused");
        new TreeMap<>(refused).forEach((code, n) -> byCode.put(code, n.sum()));
        return json;
    }
}
