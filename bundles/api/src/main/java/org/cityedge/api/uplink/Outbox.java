package org.cityedge.api.uplink;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable store-and-forward in front of the uplink. Producers {@link #offer} messages; one drainer (the uplink)
 * {@link #lease leases} them in publish order, publishes them and {@link #acknowledge acknowledges} each one the
 * broker acknowledged. A message leaves the outbox only on acknowledgement or by the documented quota policy.
 *
 * <p>Publish order: all {@link Priority#URGENT} messages first; then, within each priority, live messages (those that
 * became durable after the last {@link #rewind}) interleaved with the backlog, oldest first on both sides, so the IOC
 * sees the present while it catches up.
 */
@ProviderType
public interface Outbox {

    /**
     * Hands a message over without blocking: never stalls a poller. Returns false when the in-memory queue in front
     * of the store is full or the outbox is closed; the message is then dropped and counted.
     */
    boolean offer(OutboundMessage message);

    /** Completes with {@link #lastSequence()} once every message offered before this call is durable. */
    CompletionStage<Long> flush();

    /**
     * Up to {@code max} durable messages not leased since the last {@link #rewind}, in publish order. Waits up to
     * {@code waitMillis} for one when there is none; returns an empty list then.
     */
    List<BufferedMessage> lease(int max, long waitMillis) throws InterruptedException;

    /** The broker acknowledged this message: forget it. Unknown or already forgotten numbers are ignored. */
    void acknowledge(long seq);

    /**
     * Forgets every lease: the next {@link #lease} starts again from the oldest unacknowledged message. The drainer
     * calls it after each (re)connection, so whatever was in flight when a link dropped is sent again.
     */
    void rewind();

    /** The highest sequence number assigned so far (0 when none ever was). */
    long lastSequence();

    /** Current figures. */
    BufferStatus status();
}
