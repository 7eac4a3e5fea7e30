package org.cityedge.api.uplink;

import java.util.Objects;

/**
 * A message for the IOC, as handed to the {@link Outbox}.
 *
 * @param kind        what it is
 * @param priority    publish order and drop order (see {@link Priority})
 * @param topicSuffix topic below {@code cityedge/v1/{site}/{gatewayId}/}, e.g. {@code telemetry/lamp-12}; the uplink
 *                    adds the prefix when it publishes, so a change of identity or broker never rewrites the buffer
 * @param json        the payload: a JSON object <em>without</em> {@code gatewayId} and {@code seq}, which the uplink
 *                    adds in front when it publishes (the sequence number is only known once the message is durable)
 * @param sampleTime  when the data was observed, epoch milliseconds
 */
public record OutboundMessage(MessageKind kind, Priority priority, String topicSuffix, String json, long sampleTime) {

    public OutboundMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(topicSuffix, "topicSuffix");
        Objects.requireNonNull(json, "json");
        if (topicSuffix.isEmpty() || topicSuffix.startsWith("/") || topicSuffix.indexOf('+') >= 0
                || topicSuffix.indexOf('#') >= 0) {
            throw new IllegalArgumentException("topic suffix must be a plain relative topic: " + topicSuffix);
        }
        if (!json.startsWith("{") || !json.endsWith("}")) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
    }

    /** A message with its kind's default priority. */
    public static OutboundMessage of(MessageKind kind, String topicSuffix, String json, long sampleTime) {
        return new OutboundMessage(kind, kind.defaultPriority(), topicSuffix, json, sampleTime);
    }
}
