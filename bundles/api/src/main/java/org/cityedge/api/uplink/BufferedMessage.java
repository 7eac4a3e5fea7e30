package org.cityedge.api.uplink;

/**
 * A durable message with the sequence number the outbox gave it.
 *
 * @param seq     sequence number: unique, only grows across restarts, assigned in commit order
 * @param message the message
 */
public record BufferedMessage(long seq, OutboundMessage message) {
}
