package org.cityedge.uplink.mqtt;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.UplinkStatus;

/**
 * Composes the gateway's health message: process and machine figures, the buffer's and the link's, and poll
 * statistics per bus and per device. It is buffered like telemetry (priority NORMAL), so a link outage leaves a
 * health history that reaches the IOC afterwards.
 */
final class HealthReport {

    private final long startedAt;
    private long lastCpuNanos = -1;
    private long lastWallNanos;

    HealthReport(long startedAt) {
        this.startedAt = startedAt;
    }

    /** IOC commands seen by the uplink: received, refused before the control component, replies buffered. */
    record CommandFigures(long received, long refused, long repliesBuffered, boolean subscribed) {
    }

    OutboundMessage compose(long now, BufferStatus buffer, UplinkStatus link, List<DeviceHealth> devices) {
        return compose(now, buffer, link, devices, null);
    }

    OutboundMessage compose(long now, BufferStatus buffer, UplinkStatus link, List<DeviceHealth> devices,
            CommandFigures commands) {
        StringBuilder json = new StringBuilder(1024 + 160 * devices.size());
        json.append("{\"time\":").append(now).append(",\"uptimeSeconds\":").append((now - startedAt) / 1000);
        cpu(json);
        memory(json);
        File disk = new File(".");
        json.append(",\"disk\":{\"freeBytes\":").append(buffer.diskFreeBytes()).append(",\"totalBytes\":")
                .append(disk.getTotalSpace()).append('}');
        buffer(json, buffer);
        uplink(json, link);
        if (commands != null) {
            json.append(",\"commands\":{\"received\":").append(commands.received()).append(",\"refused\":")
                    .append(commands.refused()).append(",\"repliesBuffered\":").append(commands.repliesBuffered())
                    .append(",\"subscribed\":").append(commands.subscribed()).append('}');
        }
        buses(json, devices);
        devices(json, devices);
        json.append('}');
        return OutboundMessage.of(MessageKind.HEALTH, Topics.HEALTH_SUFFIX, json.toString(), now);
    }

    private void cpu(StringBuilder json) {
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        long wall = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        double percent = 0;
        if (cpu >= 0 && lastCpuNanos >= 0 && wall > lastWallNanos) {
            percent = 100.0 * (cpu - lastCpuNanos) / (wall - lastWallNanos) / cores;
        }
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        json.append(",\"cpu\":{\"processPercent\":").append(Math.round(percent * 10) / 10.0).append(",\"cores\":")
                .append(cores).append(",\"systemLoad\":");
        Json.value(json, load < 0 ? null : Math.round(load * 100) / 100.0).append('}');
    }

    private static void memory(StringBuilder json) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        json.append(",\"memory\":{\"heapUsedBytes\":").append(memory.getHeapMemoryUsage().getUsed())
                .append(",\"heapMaxBytes\":").append(Runtime.getRuntime().maxMemory())
                .append(",\"nonHeapUsedBytes\":").append(memory.getNonHeapMemoryUsage().getUsed()).append('}');
    }

    private static void buffer(StringBuilder json, BufferStatus b) {
        json.append(",\"buffer\":{\"depth\":").append(b.depth()).append(",\"bytes\":").append(b.bytes())
                .append(",\"fileBytes\":").append(b.fileBytes()).append(",\"quotaBytes\":").append(b.quotaBytes())
                .append(",\"oldestSampleTime\":").append(b.oldestSampleTime()).append(",\"lastSeq\":")
                .append(b.lastSequence()).append(",\"dropped\":{\"queueFull\":").append(b.droppedQueueFull())
                .append(",\"writeFailed\":").append(b.droppedWriteFailed());
        for (MessageKind k : MessageKind.values()) {
            json.append(",\"quota").append(k.name().charAt(0)).append(k.name().substring(1).toLowerCase())
                    .append("\":").append(b.droppedByQuota().getOrDefault(k, 0L));
        }
        json.append("},\"corruptFilesMovedAside\":").append(b.corruptFilesMovedAside()).append(",\"problem\":");
        Json.value(json, b.problem()).append('}');
    }

    private static void uplink(StringBuilder json, UplinkStatus u) {
        json.append(",\"uplink\":{\"state\":\"").append(u.state().name()).append("\",\"connects\":")
                .append(u.connects()).append(",\"published\":").append(u.published()).append(",\"publishRate\":")
                .append(Math.round(u.publishRate() * 100) / 100.0).append(",\"publishDenied\":")
                .append(u.publishDenied()).append(",\"problem\":");
        Json.value(json, u.problem()).append('}');
    }

    private static void buses(StringBuilder json, List<DeviceHealth> devices) {
        Map<String, long[]> buses = new TreeMap<>(); // devices, online, polls, errors
        for (DeviceHealth d : devices) {
            long[] b = buses.computeIfAbsent(d.bus(), k -> new long[4]);
            b[0]++;
            b[1] += d.state() == DeviceState.ONLINE ? 1 : 0;
            b[2] += d.polls();
            b[3] += d.errors().values().stream().mapToLong(Long::longValue).sum();
        }
        json.append(",\"buses\":[");
        boolean first = true;
        for (Map.Entry<String, long[]> e : buses.entrySet()) {
            json.append(first ? "{" : ",{");
            Json.field(json, "id");
            Json.string(json, e.getKey()).append(",\"devices\":").append(e.getValue()[0]).append(",\"online\":")
                    .append(e.getValue()[1]).append(",\"polls\":").append(e.getValue()[2]).append(",\"errors\":")
                    .append(e.getValue()[3]).append('}');
            first = false;
        }
        json.append(']');
    }

    private static void devices(StringBuilder json, List<DeviceHealth> devices) {
        json.append(",\"devices\":[");
        for (int i = 0; i < devices.size(); i++) {
            DeviceHealth d = devices.get(i);
            json.append(i == 0 ? "{" : ",{");
            Json.field(json, "id");
            Json.string(json, d.deviceId()).append(',');
            Json.field(json, "bus");
            Json.string(json, d.bus()).append(",\"state\":\"").append(d.state().name()).append("\",\"lastSeen\":")
                    .append(d.lastSeen()).append(",\"responseMicros\":").append(d.responseMicros())
                    .append(",\"polls\":").append(d.polls()).append(",\"errors\":{");
            boolean first = true;
            for (Map.Entry<String, Long> e : new TreeMap<>(d.errors()).entrySet()) {
                Json.field(json.append(first ? "" : ","), e.getKey()).append(e.getValue());
                first = false;
            }
            json.append("}}");
        }
        json.append(']');
    }
}
