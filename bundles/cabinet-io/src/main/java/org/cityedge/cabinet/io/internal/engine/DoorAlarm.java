package org.cityedge.cabinet.io.internal.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cabinet's tamper alarm: the door open outside every maintenance window raises {@code doorOpen} on
 * {@code event/{device}} (docs/mqtt/event.schema.json, the shape the rules bundle publishes); closing the door
 * clears it. Inside a window the opening is only logged. A door left open past the end of its window raises then.
 * Driven by the scan thread only.
 */
final class DoorAlarm {

    static final String EVENT = "doorOpen";
    private static final Logger LOG = LoggerFactory.getLogger(DoorAlarm.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Outbox> outbox;
    private final MaintenanceWindows windows;
    private final AtomicLong dropped = new AtomicLong();
    private boolean raised;
    private boolean loggedInWindow;

    DoorAlarm(Supplier<Outbox> outbox, MaintenanceWindows windows) {
        this.outbox = outbox;
        this.windows = windows;
    }

    /** Feeds the debounced door state of the scan at {@code now}. */
    void evaluate(String deviceId, boolean open, long now, ZoneId zone) {
        if (!open) {
            if (raised) {
                publish(deviceId, "cleared", "cabinet door closed", false, now);
                raised = false;
            }
            loggedInWindow = false;
            return;
        }
        if (raised) {
            return;
        }
        if (windows.contains(Instant.ofEpochMilli(now), zone)) {
            if (!loggedInWindow) {
                LOG.info("cabinet I/O: door of {} open inside a maintenance window: no alarm", deviceId);
                loggedInWindow = true;
            }
            return;
        }
        publish(deviceId, "raised", "cabinet door open outside the maintenance windows", true, now);
        raised = true;
    }

    /** Forgets the alarm state (the device left the site). */
    void reset() {
        raised = false;
        loggedInWindow = false;
    }

    boolean raised() {
        return raised;
    }

    long dropped() {
        return dropped.get();
    }

    private void publish(String deviceId, String state, String reason, boolean value, long now) {
        String json = json(deviceId, state, reason, value, now);
        Outbox o = outbox.get();
        OutboundMessage message = OutboundMessage.of(MessageKind.EVENT, "event/" + deviceId, json, now);
        if (o == null || !o.offer(message)) {
            dropped.incrementAndGet();
            LOG.warn("cabinet I/O: tamper event not sent ({}): {}", o == null ? "no outbox" : "outbox full", json);
        } else if ("raised".equals(state)) {
            LOG.warn("cabinet I/O: tamper alarm raised on {}: {}", deviceId, reason);
        } else {
            LOG.info("cabinet I/O: tamper alarm cleared on {}", deviceId);
        }
    }

    static String json(String deviceId, String state, String reason, boolean value, long now) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", now);
        node.put("device", deviceId);
        node.put("event", EVENT);
        node.put("state", state);
        node.put("severity", "major");
        node.put("reason", reason);
        node.put("point", "doorOpen");
        node.put("value", value);
        return node.toString();
    }
}
