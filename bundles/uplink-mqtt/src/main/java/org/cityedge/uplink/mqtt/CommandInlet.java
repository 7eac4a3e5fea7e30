package org.cityedge.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.cityedge.api.control.CommandHandler;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from the IOC: takes each request off Paho's thread, hands it to the {@link CommandHandler} and sends the
 * reply back. A reply goes straight to the request's MQTT v5 response topic (default {@code .../reply}) with its
 * correlation data; when the link is gone by then, it goes into the outbox for the default reply topic, so it
 * still reaches the IOC once the link is back. What the handler never sees (an oversized payload, a full queue, no
 * control component) is answered here, in the same reply format.
 */
final class CommandInlet {

    /** Publishes a reply now; false when there is no connection or the broker did not take it. */
    interface ReplySender {
        boolean send(String topic, byte[] payload, byte[] correlationData);
    }

    static final String REPLY_SUFFIX = "reply";
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final int QUEUE = 256;
    private static final long HANDLER_LIMIT_SECONDS = 120;
    private static final Logger LOG = LoggerFactory.getLogger(CommandInlet.class);

    private final Supplier<CommandHandler> handler;
    private final Outbox outbox;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "cityedge-commands");
                t.setDaemon(true);
                return t;
            });
    /** Refusals made on Paho's thread are sent from here: a publish waits for its PUBACK, Paho's thread must not. */
    private final ThreadPoolExecutor refusals = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "cityedge-command-refusals");
                t.setDaemon(true);
                return t;
            });
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refusedHere = new AtomicLong();
    private final AtomicLong repliesBuffered = new AtomicLong();

    CommandInlet(Supplier<CommandHandler> handler, Outbox outbox) {
        this.handler = handler;
        this.outbox = outbox;
    }

    /**
     * One request as it arrived. Returns at once: Paho acknowledges the message when this returns, so the work
     * must not hold its thread.
     */
    void arrived(Topics topics, byte[] payload, String responseTopic, byte[] correlationData, ReplySender sender) {
        received.incrementAndGet();
        String replyTo = responseTopic != null && isPublishable(responseTopic) ? responseTopic
                : topics.of(REPLY_SUFFIX);
        long at = System.currentTimeMillis();
        if (payload.length > MAX_PAYLOAD_BYTES) {
            refuseLater(topics, replyTo, correlationData, sender, "payload-too-large", "the command is "
                    + payload.length + " bytes; at most " + MAX_PAYLOAD_BYTES + " are accepted");
            return;
        }
        try {
            executor.execute(() -> handle(topics, payload, at, replyTo, correlationData, sender));
        } catch (RejectedExecutionException e) {
            refuseLater(topics, replyTo, correlationData, sender, "busy", QUEUE
                    + " commands are waiting already; send this one again later");
        }
    }

    /** A refusal sent off Paho's thread; in a flood beyond even that queue, counted and left unanswered. */
    private void refuseLater(Topics topics, String replyTo, byte[] correlation, ReplySender sender, String code,
            String message) {
        try {
            refusals.execute(() -> refuse(topics, replyTo, correlation, sender, code, message));
        } catch (RejectedExecutionException e) {
            if (unanswered.getAndIncrement() % 1000 == 0) {
                LOG.warn("uplink: command flood: {} commands left unanswered so far", unanswered.get());
            }
        }
    }

    long received() {
        return received.get();
    }

    long refusedHere() {
        return refusedHere.get();
    }

    long repliesBuffered() {
        return repliesBuffered.get();
    }

    void stop() {
        executor.shutdownNow();
        refusals.shutdownNow();
    }

    private void handle(Topics topics, byte[] payload, long at, String replyTo, byte[] correlation,
            ReplySender sender) {
        CommandHandler h = handler.get();
        if (h == null) {
            refuse(topics, replyTo, correlation, sender, "unavailable",
                    "the gateway's control component is not running; nothing was done");
            return;
        }
        String reply;
        try {
            reply = h.handle(payload, at).toCompletableFuture().get(HANDLER_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) { // the handler promised never to fail; if it does, the IOC still gets an answer
            LOG.error("uplink: command handler failed: {}", e.toString());
            refuse(topics, replyTo, correlation, sender, "internal-error",
                    "the gateway could not complete the command: " + e);
            return;
        }
        deliver(topics, replyTo, correlation, sender, reply);
    }

    private void refuse(Topics topics, String replyTo, byte[] correlation, ReplySender sender, String code,
            String message) {
        refusedHere.incrementAndGet();
        StringBuilder json = new StringBuilder("{\"id\":null,\"status\":\"error\",\"results\":[],\"error\":{");
        Json.field(json, "code");
        Json.string(json, code).append(',');
        Json.field(json, "message");
        Json.string(json, message).append("}}");
        deliver(topics, replyTo, correlation, sender, json.toString());
    }

    /** Adds gatewayId and time in front of the handler's reply object and sends it, or buffers it. */
    private void deliver(Topics topics, String replyTo, byte[] correlation, ReplySender sender, String reply) {
        long now = System.currentTimeMillis();
        String body = reply.trim();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            LOG.error("uplink: command handler returned no JSON object; replying with an error instead");
            body = "{\"id\":null,\"status\":\"error\",\"results\":[],\"error\":{\"code\":\"internal-error\","
                    + "\"message\":\"the gateway produced no valid reply\"}}";
        }
        String inner = body.substring(1).trim();
        StringBuilder direct = new StringBuilder(body.length() + 64).append('{');
        Json.field(direct, "gatewayId");
        Json.string(direct, topics.gatewayId()).append(",\"time\":").append(now);
        direct.append(inner.equals("}") ? "}" : "," + inner);
        if (sender.send(replyTo, direct.toString().getBytes(StandardCharsets.UTF_8), correlation)) {
            return;
        }
        // The buffered copy gets gatewayId and seq from the uplink when it is published.
        String buffered = "{\"time\":" + now + (inner.equals("}") ? "}" : "," + inner);
        if (outbox.offer(OutboundMessage.of(MessageKind.REPLY, REPLY_SUFFIX, buffered, now))) {
            repliesBuffered.incrementAndGet();
            LOG.info("uplink: the link was down when a reply was ready; it waits in the buffer for {}",
                    topics.of(REPLY_SUFFIX));
        } else {
            LOG.warn("uplink: a command reply could not be sent nor buffered (buffer full or closed)");
        }
    }

    private static boolean isPublishable(String topic) {
        return !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0 && topic.indexOf('\0') < 0;
    }
}
