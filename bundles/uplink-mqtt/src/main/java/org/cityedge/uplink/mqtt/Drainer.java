package org.cityedge.uplink.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.Outbox;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox: leases messages in publish order, keeps at most a window of them waiting for the broker's
 * acknowledgement (the broker's Receive Maximum caps it), and acknowledges each one to the outbox when the broker
 * acknowledged it. After every (re)connection it rewinds the outbox, so what was in flight when the link dropped is
 * sent again: delivery is at least once, and the IOC drops duplicates by sequence number.
 *
 * <p>A broker that answers a publish with a refusal (MQTT v5 reason code, e.g. 0x87 not authorized by its ACL) is
 * not taken as delivery: the message stays in the outbox, the refusal is logged once per topic and shown in the
 * status, and draining pauses with backoff before it tries again.
 */
final class Drainer {

    private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
    private static final int MAX_INFLIGHT_REASON = 32202; // Paho: the broker's Receive Maximum is reached

    private final Outbox outbox;
    private final Object signal = new Object();
    private final AtomicLong published = new AtomicLong();
    private final Set<String> deniedTopics = ConcurrentHashMap.newKeySet();
    private final Backoff denialBackoff = new Backoff(5_000, 300_000,
            bound -> ThreadLocalRandom.current().nextLong(bound));
    private volatile MqttLink.Connection connection;
    private volatile int qos = 1;
    private volatile long telemetryExpirySeconds;
    private volatile boolean running;
    private volatile boolean rewindRequested;
    private volatile long pausedUntil;
    private Thread thread;

    Drainer(Outbox outbox) {
        this.outbox = outbox;
    }

    void configure(UplinkSettings settings) {
        qos = settings.qos();
        telemetryExpirySeconds = settings.telemetryExpirySeconds();
    }

    synchronized void start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "cityedge-uplink-drainer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    void up(MqttLink.Connection c) {
        connection = c;
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    void down() {
        connection = null;
    }

    long published() {
        return published.get();
    }

    boolean publishDenied() {
        return !deniedTopics.isEmpty();
    }

    private void run() {
        MqttLink.Connection active = null;
        Semaphore window = null;
        Deque<BufferedMessage> pending = new ArrayDeque<>();
        while (running) {
            try {
                MqttLink.Connection c = connection;
                if (c == null) {
                    pending.clear();
                    active = null;
                    synchronized (signal) {
                        if (connection == null) {
                            signal.wait(500);
                        }
                    }
                    continue;
                }
                if (c != active || rewindRequested) {
                    // A new connection, or a refusal: start again from the oldest unacknowledged message.
                    rewindRequested = false;
                    outbox.rewind();
                    pending.clear();
                    active = c;
                    window = new Semaphore(c.window());
                }
                long pause = pausedUntil - System.currentTimeMillis();
                if (pause > 0) {
                    Thread.sleep(Math.min(pause, 200));
                    continue;
                }
                if (pending.isEmpty()) {
                    pending.addAll(outbox.lease(Math.max(32, c.window() * 2), 200));
                }
                while (!pending.isEmpty() && running && connection == active && !rewindRequested) {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    BufferedMessage m = pending.peekFirst();
                    try {
                        publish(active, window, m);
                        pending.removeFirst();
                    } catch (MqttException e) {
                        window.release();
                        if (e.getReasonCode() != MAX_INFLIGHT_REASON) {
                            // Not connected any more: the link will tell us, and we rewind then.
                            Thread.sleep(50);
                            break;
                        }
                        Thread.sleep(2);
                    }
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("uplink: drainer: {}", e.toString(), e);
                sleepQuietly(1_000);
            }
        }
    }

    private void publish(MqttLink.Connection c, Semaphore window, BufferedMessage m) throws MqttException {
        MqttMessage message = new MqttMessage(Envelope.wrap(c.topics().gatewayId(), m.seq(), m.message().json()));
        message.setQos(qos);
        message.setRetained(false);
        MqttProperties p = new MqttProperties();
        p.setPayloadFormat(true);
        p.setContentType("application/json");
        if (m.message().kind() == MessageKind.TELEMETRY && telemetryExpirySeconds > 0) {
            p.setMessageExpiryInterval(telemetryExpirySeconds);
        }
        message.setProperties(p);
        String topic = c.topics().of(m.message().topicSuffix());
        c.client().publish(topic, message, null, new Acknowledgement(m.seq(), topic, window));
    }

    private void denied(String topic, int reason) {
        if (deniedTopics.add(topic)) {
            LOG.error("uplink: broker refused a publish to {} (MQTT reason 0x{}): check the broker's ACL for this"
                    + " gateway; the messages stay in the buffer and are retried", topic,
                    Integer.toHexString(reason).toUpperCase());
        }
        long wait;
        synchronized (denialBackoff) {
            wait = denialBackoff.next();
        }
        pausedUntil = System.currentTimeMillis() + wait;
        rewindRequested = true;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The broker's answer to one publish. */
    private final class Acknowledgement implements MqttActionListener {
        private final long seq;
        private final String topic;
        private final Semaphore window;

        Acknowledgement(long seq, String topic, Semaphore window) {
            this.seq = seq;
            this.topic = topic;
            this.window = window;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] reasons = token.getReasonCodes();
            if (reasons != null && reasons.length > 0 && reasons[0] >= 0x80) {
                denied(topic, reasons[0]);
            } else {
                outbox.acknowledge(seq);
                published.incrementAndGet();
                if (!deniedTopics.isEmpty() && deniedTopics.remove(topic)) {
                    LOG.info("uplink: broker accepts publishes to {} again", topic);
                    synchronized (denialBackoff) {
                        denialBackoff.reset();
                    }
                }
            }
            window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            window.release();
            if (e instanceof MqttException m && m.getReasonCode() >= 0x80 && m.getReasonCode() <= 0xFF) {
                denied(topic, m.getReasonCode());
            }
            // Otherwise the connection is gone: it is sent again after the reconnect's rewind.
        }
    }
}
