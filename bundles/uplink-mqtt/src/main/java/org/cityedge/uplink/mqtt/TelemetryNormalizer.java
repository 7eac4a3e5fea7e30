package org.cityedge.uplink.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;

/**
 * Turns polls into telemetry messages: drops points the publish policy says are not worth sending, gathers
 * several readings of a device into one message when batching is on, and offers the message to the outbox.
 * Runs on the poller's thread: it only builds a string and offers it, and the outbox never blocks.
 */
final class TelemetryNormalizer {

    private record Published(Object value, Quality quality, long time) {
    }

    private record Reading(long time, List<Sample> samples) {
    }

    private static final class DeviceBatch {
        final List<Reading> readings = new ArrayList<>();
        long firstArrival;
    }

    private final Outbox outbox;
    private final LongSupplier clock;
    private final Map<String, Published> lastPublished = new ConcurrentHashMap<>();
    private final Map<String, Optional<PointPolicy>> policyByPoint = new ConcurrentHashMap<>();
    private final Map<String, DeviceBatch> batches = new ConcurrentHashMap<>();
    private volatile List<PointPolicy> policies = List.of();
    private volatile int batchReadings = 1;
    private volatile long batchMaxDelayMillis = 60_000;

    TelemetryNormalizer(Outbox outbox, LongSupplier clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Applies publish policies and batching; returns the problems found in the policies. */
    List<String> configure(UplinkSettings settings) {
        List<String> problems = new ArrayList<>();
        policies = PointPolicy.parse(settings.pointPolicies(), problems);
        policyByPoint.clear();
        batchReadings = settings.batchReadings();
        batchMaxDelayMillis = settings.batchMaxDelaySeconds() * 1000L;
        if (batchReadings == 1) {
            flushAll();
        }
        return problems;
    }

    void accept(List<Sample> samples) {
        if (samples == null || samples.isEmpty()) {
            return;
        }
        // One poll is one device by contract; a mixed list is split rather than mislabelled.
        Map<String, List<Sample>> byDevice = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s != null) {
                byDevice.computeIfAbsent(s.deviceId(), d -> new ArrayList<>()).add(s);
            }
        }
        byDevice.forEach(this::acceptDevice);
    }

    private void acceptDevice(String device, List<Sample> samples) {
        List<Sample> kept = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            if (worthPublishing(s)) {
                kept.add(s);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        Reading reading = new Reading(kept.get(0).timestamp(), kept);
        if (batchReadings <= 1) {
            offer(device, List.of(reading));
            return;
        }
        List<Reading> full = null;
        synchronized (batches) {
            DeviceBatch batch = batches.computeIfAbsent(device, d -> new DeviceBatch());
            if (batch.readings.isEmpty()) {
                batch.firstArrival = clock.getAsLong();
            }
            batch.readings.add(reading);
            if (batch.readings.size() >= batchReadings) {
                full = new ArrayList<>(batch.readings);
                batches.remove(device);
            }
        }
        if (full != null) {
            offer(device, full);
        }
    }

    /** Sends the batches that waited long enough; called every second. */
    void flushDue() {
        long now = clock.getAsLong();
        flush(b -> now - b.firstArrival >= batchMaxDelayMillis);
    }

    void flushAll() {
        flush(b -> true);
    }

    private void flush(java.util.function.Predicate<DeviceBatch> due) {
        Map<String, List<Reading>> ready = new LinkedHashMap<>();
        synchronized (batches) {
            batches.entrySet().removeIf(e -> {
                if (!e.getValue().readings.isEmpty() && due.test(e.getValue())) {
                    ready.put(e.getKey(), new ArrayList<>(e.getValue().readings));
                    return true;
                }
                return false;
            });
        }
        ready.forEach(this::offer);
    }

    private boolean worthPublishing(Sample s) {
        Optional<PointPolicy> policy = policyByPoint.computeIfAbsent(s.point(),
                p -> policies.stream().filter(pp -> pp.matches(p)).findFirst());
        String key = s.deviceId() + '\u0000' + s.point();
        if (policy.isEmpty()) {
            return true;
        }
        PointPolicy pp = policy.get();
        Published last = lastPublished.get(key);
        boolean publish = last == null || last.quality() != s.quality()
                || (pp.heartbeatMillis() > 0 && s.timestamp() - last.time() >= pp.heartbeatMillis())
                || movedBeyond(s.value(), last.value(), pp.deadband());
        if (publish) {
            lastPublished.put(key, new Published(s.value(), s.quality(), s.timestamp()));
        }
        return publish;
    }

    private static boolean movedBeyond(Object now, Object before, double deadband) {
        if (now instanceof Number a && before instanceof Number b) {
            double delta = Math.abs(a.doubleValue() - b.doubleValue());
            return deadband == 0 ? delta != 0 : delta > deadband;
        }
        return !Objects.equals(now, before);
    }

    private void offer(String device, List<Reading> readings) {
        long time = readings.get(readings.size() - 1).time();
        StringBuilder json = new StringBuilder(64 + 64 * readings.size() * readings.get(0).samples().size());
        json.append("{\"time\":").append(time).append(",\"device\":");
        Json.string(json, device).append(",\"readings\":[");
        for (int r = 0; r < readings.size(); r++) {
            Reading reading = readings.get(r);
            json.append(r == 0 ? "" : ",").append("{\"time\":").append(reading.time()).append(",\"points\":{");
            for (int i = 0; i < reading.samples().size(); i++) {
                Sample s = reading.samples().get(i);
                if (i > 0) {
                    json.append(',');
                }
                Json.field(json, s.point()).append("{\"value\":");
                Json.value(json, s.value());
                if (!s.unit().isEmpty()) {
                    json.append(",\"unit\":");
                    Json.string(json, s.unit());
                }
                json.append(",\"quality\":\"").append(s.quality().name()).append('"');
                if (s.reason() != null) {
                    json.append(",\"reason\":");
                    Json.string(json, s.reason());
                }
                if (s.timestamp() != reading.time()) {
                    json.append(",\"time\":").append(s.timestamp());
                }
                json.append('}');
            }
            json.append("}}");
        }
        json.append("]}");
        outbox.offer(OutboundMessage.of(MessageKind.TELEMETRY, Topics.telemetrySuffix(device), json.toString(), time));
    }
}
