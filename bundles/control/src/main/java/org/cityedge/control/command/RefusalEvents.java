package org.cityedge.control.command;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refused signed document (unsigned, tampered, replayed, for another gateway, invalid) is reported as an event of
 * the gateway itself on {@code event/{gatewayId}} (docs/mqtt/event.schema.json), besides the reply, so the IOC sees
 * it even when the reply goes to whoever sent the document.
 */
final class RefusalEvents {

    static final String EVENT = "policyDocumentRefused";
    private static final Logger LOG = LoggerFactory.getLogger(RefusalEvents.class);

    private RefusalEvents() {
    }

    static void report(Outbox outbox, SiteService site, String type, String commandId, CommandRefused refusal,
            long now) {
        String gatewayId = site == null ? null : site.site().gatewayId();
        String reason = refusal.code() + ": " + (type == null ? "document" : type) + " from command "
                + commandId + " refused: " + refusal.getMessage();
        LOG.warn("control: {}", reason);
        if (outbox == null || gatewayId == null) {
            LOG.warn("control: the refusal cannot be reported as an event: {}", outbox == null ? "no outbox"
                    : "no site loaded");
            return;
        }
        ObjectNode json = Json.object();
        json.put("time", now);
        json.put("device", gatewayId);
        json.put("event", EVENT);
        json.put("state", "info");
        json.put("severity", "warning");
        json.put("reason", reason);
        if (!outbox.offer(OutboundMessage.of(MessageKind.EVENT, "event/" + gatewayId, Json.text(json), now))) {
            LOG.warn("control: the refusal event was dropped: the outbox is full or closed");
        }
    }
}
