package org.cityedge.rules.engine;

import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Publishes alarms and events through the outbox, on {@code event/{device}}, as docs/mqtt/event.schema.json says
 * (the uplink adds {@code gatewayId} and {@code seq}). Without an outbox, or with a full one, the event is counted as
 * dropped and logged: rules keep running.
 */
public final class EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum State { RAISED, CLEARED, INFO }

    /**
     * One event.
     *
     * @param time     when it happened, epoch ms
     * @param device   device id, or the gateway id for the gateway's own events
     * @param event    lowerCamelCase name
     * @param severity critical, major, minor, warning or info
     * @param reason   for people, or null
     * @param point    canonical point it is about, or null
     * @param value    the point's value, or null
     * @param rule     id of the rule, or null
     */
    public record Event(long time, String device, String event, State state, String severity, String reason,
            String point, Object value, String rule) {
    }

    private final EngineStats stats;
    private volatile Outbox outbox;

    public EventPublisher(EngineStats stats) {
        this.stats = stats;
    }

    public void outbox(Outbox next) {
        outbox = next;
    }

    public void publish(Event event) {
        Outbox o = outbox;
        OutboundMessage message = OutboundMessage.of(MessageKind.EVENT, "event/" + event.device(), json(event),
                event.time());
        if (o == null || !o.offer(message)) {
            stats.eventsDropped.incrementAndGet();
            LOG.warn("rules: event not sent ({}): {}", o == null ? "no outbox" : "outbox full", message.json());
        } else {
            LOG.info("rules: event {} {} on {}{}", event.event(), event.state().name().toLowerCase(),
                    event.device(), event.reason() == null ? "" : ": " + event.reason());
        }
    }

    static String json(Event e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", e.time());
        node.put("device", e.device());
        node.put("event", e.event());
        node.put("state", e.state().name().toLowerCase());
        node.put("severity", e.severity());
        if (e.reason() != null) {
            node.put("reason", e.reason());
        }
        if (e.point() != null) {
            node.put("point", e.point());
            Object v = e.value();
            if (v instanceof Boolean b) {
                node.put("value", b);
            } else if (v instanceof Long l) {
                node.put("value", l);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                node.put("value", d);
            } else if (v instanceof String s) {
                node.put("value", s);
            } else {
                node.putNull("value");
            }
        }
        if (e.rule() != null) {
            node.put("rule", e.rule());
        }
        return node.toString();
    }
}
