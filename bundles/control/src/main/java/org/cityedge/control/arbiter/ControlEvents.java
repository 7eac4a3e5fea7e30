package org.cityedge.control.arbiter;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code controlNotHeld} alarm (docs/mqtt/event.schema.json): raised when a device keeps reverting a point the
 * arbiter stopped rewriting, cleared when it holds a value again or a new value is set.
 */
final class ControlEvents {

    static final String EVENT = "controlNotHeld";
    private static final Logger LOG = LoggerFactory.getLogger(ControlEvents.class);

    private final Supplier<Outbox> outbox;

    ControlEvents(Supplier<Outbox> outbox) {
        this.outbox = outbox;
    }

    void raised(String deviceId, String point, Object wanted, Object reported, int rewrites, long now) {
        String reason = point + " keeps returning to " + reported + " instead of " + wanted + " after " + rewrites
                + " rewrites; the gateway stops rewriting it until the device holds a value again or a new value"
                + " is set";
        LOG.warn("control: device {}: {}", deviceId, reason);
        publish(deviceId, point, "raised", "minor", reason, reported, now);
    }

    void cleared(String deviceId, String point, Object value, String why, long now) {
        LOG.info("control: device {}: {} {}", deviceId, point, why);
        publish(deviceId, point, "cleared", "minor", point + " " + why, value, now);
    }

    private void publish(String deviceId, String point, String state, String severity, String reason, Object value,
            long now) {
        Outbox box = outbox.get();
        if (box == null) {
            return;
        }
        ObjectNode json = Json.object();
        json.put("time", now);
        json.put("device", deviceId);
        json.put("event", EVENT);
        json.put("state", state);
        json.put("severity", severity);
        json.put("reason", reason);
        json.put("point", point);
        Json.putValue(json, "value", value);
        if (!box.offer(OutboundMessage.of(MessageKind.EVENT, "event/" + deviceId, Json.text(json), now))) {
            LOG.warn("control: event {} {} of {} dropped: the outbox is full or closed", EVENT, state, deviceId);
        }
    }
}
