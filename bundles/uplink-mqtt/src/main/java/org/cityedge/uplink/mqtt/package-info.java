/**
 * The MQTT v5 uplink to the IOC (Eclipse Paho, inlined in this bundle).
 *
 * <p>Data path: {@link org.cityedge.uplink.mqtt.TelemetryNormalizer} turns each poll's samples into a telemetry
 * message (after the per-point publish policy and optional batching) and offers it to the durable
 * {@link org.cityedge.api.uplink.Outbox}; health reports take the same way. The
 * {@link org.cityedge.uplink.mqtt.Drainer} leases messages in publish order, adds the gateway id and the sequence
 * number in front ({@link org.cityedge.uplink.mqtt.Envelope}), publishes them at QoS 1 and acknowledges each one
 * to the outbox when the broker acknowledged it. The {@link org.cityedge.uplink.mqtt.MqttLink} owns the connection:
 * TLS, credentials, persistent session, the retained birth and the Will on the {@code state} topic, reconnection
 * with jittered exponential backoff, and a plain account of why a broker refused us.
 *
 * <p>Topics and payloads are documented in {@code docs/mqtt/README.md}, with a JSON Schema per message kind.
 */
package org.cityedge.uplink.mqtt;
