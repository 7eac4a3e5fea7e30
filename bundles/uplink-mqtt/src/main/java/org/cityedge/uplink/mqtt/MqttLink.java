package org.cityedge.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.uplink.LinkState;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the connection to the broker. Every change of it (start, reconfigure, loss, reconnect, stop) runs on one
 * thread, so no two connects ever race. A fresh Paho client is made for each connection: retransmission is the
 * buffer's business (everything not acknowledged is sent again after a reconnect), so Paho keeps no state of its
 * own that could resend behind our back. The broker keeps the session (clean start off, session expiry), so commands
 * sent while the gateway was away are delivered when it is back (their expiry decides whether they still run).
 */
final class MqttLink {

    /** What the link tells the drainer. */
    interface Listener {
        void up(Connection connection);

        void down();
    }

    /** Where the birth and offline messages come from. */
    interface StateSource {
        byte[] birth(Topics topics);

        byte[] offline(Topics topics, String reason);
    }

    /** A live connection: the drainer publishes on it until it is replaced. */
    record Connection(long generation, MqttAsyncClient client, Topics topics, int window) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final int STATE_QOS = 1;
    private static final long STATE_PUBLISH_TIMEOUT_MS = 10_000;
    private static final long STABLE_MILLIS = 60_000;
    /** In flight beside the drainer: a birth (link thread), a reply and a refusal (their own threads). */
    static final int RESERVED_FOR_STATE_AND_REPLIES = 3;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cityedge-mqtt-link");
        t.setDaemon(true);
        return t;
    });
    private final Listener listener;
    private final StateSource states;
    private final CommandInlet commands;
    private final AtomicLong connects = new AtomicLong();

    // Confined to the executor thread.
    private UplinkSettings settings;
    private Topics topics;
    private MqttAsyncClient client;
    private Backoff backoff;
    private volatile long generation; // written on the executor, read by Paho's threads
    private ScheduledFuture<?> nextTry;
    private String lastLogged;

    private volatile Connection current;
    private volatile LinkState state = LinkState.DISABLED;
    private volatile String problem;
    private volatile long connectedSince;
    private volatile boolean publishDenied;
    private volatile boolean commandsDenied;

    MqttLink(Listener listener, StateSource states, CommandInlet commands) {
        this.listener = listener;
        this.states = states;
        this.commands = commands;
    }

    /** Connects (again) with these settings; an existing connection is closed cleanly first. */
    void start(UplinkSettings next, Topics nextTopics) {
        executor.execute(() -> {
            closeConnection("reconfigured");
            settings = next;
            topics = nextTopics;
            backoff = new Backoff(next.reconnectMinMillis(), next.reconnectMaxMillis(),
                    bound -> ThreadLocalRandom.current().nextLong(bound));
            lastLogged = null;
            connect();
        });
    }

    /** Stays (or goes) offline, for a reason a person should see (not configured, not provisioned). */
    void disable(String why) {
        executor.execute(() -> {
            closeConnection("disabled");
            settings = null;
            state = LinkState.DISABLED;
            problem = why;
            if (!why.equals(lastLogged)) {
                LOG.warn("uplink: not connecting: {}; samples are kept in the buffer", why);
                lastLogged = why;
            }
        });
    }

    /** Publishes the birth message again (the device list or versions changed). */
    void republishBirth() {
        executor.execute(() -> {
            Connection c = current;
            if (c != null) {
                try {
                    publishState(c.client(), states.birth(c.topics()));
                } catch (MqttException e) {
                    LOG.warn("uplink: birth not republished: {}", e.getMessage());
                }
            }
        });
    }

    /** Publishes the offline state, disconnects and stops the link thread. */
    void stop() {
        try {
            executor.submit(() -> {
                closeConnection("shutdown");
                settings = null;
                state = LinkState.DISABLED;
            }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("uplink: clean disconnect failed: {}", e.toString());
        } finally {
            executor.shutdownNow();
        }
    }

    LinkState state() {
        return state;
    }

    String problem() {
        return problem;
    }

    long connectedSince() {
        return connectedSince;
    }

    /** True while the broker refuses the state topic (its ACL does not cover this gateway's prefix). */
    boolean publishDenied() {
        return publishDenied;
    }

    long connects() {
        return connects.get();
    }

    /** True when the broker refused this gateway's subscription to its command topic. */
    boolean commandsDenied() {
        return commandsDenied;
    }

    String clientId() {
        UplinkSettings s = settings;
        return s == null ? "" : s.clientId();
    }

    // ------------------------------------------------------------------ on the executor

    private void connect() {
        nextTry = null;
        if (settings == null) {
            return;
        }
        long gen = ++generation;
        MqttAsyncClient c = null;
        try {
            state = state == LinkState.REFUSED ? LinkState.REFUSED : LinkState.CONNECTING;
            c = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            c.setCallback(new Callback(gen, topics));
            IMqttToken token = c.connect(options());
            token.waitForCompletion((settings.keepAliveSeconds() + 15) * 1000L);
            int window = settings.maxInflight();
            MqttProperties connack = token.getResponseProperties();
            if (connack != null && connack.getReceiveMaximum() != null) {
                window = Math.min(window, connack.getReceiveMaximum());
            }
            // The drainer must leave room in the broker's receive window: a state message or a command reply
            // published while it is full would be refused by Paho ("too many publishes in progress").
            window = Math.max(1, window - RESERVED_FOR_STATE_AND_REPLIES);
            publishState(c, states.birth(topics));
            subscribeToCommands(c);
            client = c;
            connects.incrementAndGet();
            connectedSince = System.currentTimeMillis();
            publishDenied = false;
            problem = null;
            state = LinkState.CONNECTED;
            LOG.info("uplink: connected to {} as {} (session present: {}, window {}); publishing under {}",
                    settings.brokerUrl(), settings.clientId(), token.getSessionPresent(), window, topics.prefix());
            lastLogged = null;
            current = new Connection(gen, c, topics, window);
            listener.up(current);
        } catch (Exception e) { // MqttException, TLS setup, bad URL: each is reported, none stops the link
            closeQuietly(c);
            failed(LinkFailure.of(e));
        }
    }

    private void failed(LinkFailure failure) {
        state = failure.refused() ? LinkState.REFUSED : LinkState.CONNECTING;
        publishDenied = failure.publishDenied();
        problem = failure.message();
        long wait = backoff.next();
        if (!failure.message().equals(lastLogged)) {
            String line = "uplink: {}: {}; retrying with backoff (next in {} ms); polling and buffering go on";
            if (failure.refused()) {
                LOG.error(line, settings.brokerUrl(), failure.message(), wait);
            } else {
                LOG.warn(line, settings.brokerUrl(), failure.message(), wait);
            }
            lastLogged = failure.message();
        }
        nextTry = executor.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }

    private void lost(long gen, String why) {
        if (gen != generation || current == null) {
            return; // an old client's farewell
        }
        current = null;
        if (System.currentTimeMillis() - connectedSince >= STABLE_MILLIS) {
            backoff.reset(); // only a connection that held resets the backoff: a broker that drops us at once
        }                    // (e.g. after a denied publish) must not be hammered
        connectedSince = 0;
        listener.down();
        closeQuietly(client);
        client = null;
        failed(new LinkFailure("connection lost: " + why, false));
    }

    private MqttConnectionOptions options() throws Exception {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(Math.max(5, settings.keepAliveSeconds()));
        o.setAutomaticReconnect(false); // ours has jitter and tells why it failed
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
        }
        if (!settings.password().isEmpty()) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.tls()) {
            o.setSocketFactory(NoDelaySockets.tls(TlsContexts.create(settings.caFile(), settings.certFile(),
                    settings.keyFile()).getSocketFactory()));
            o.setHttpsHostnameVerificationEnabled(settings.verifyHostname());
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        MqttMessage will = new MqttMessage(states.offline(topics, "connection-lost"));
        will.setQos(STATE_QOS);
        will.setRetained(true);
        o.setWill(topics.state(), will);
        return o;
    }

    /**
     * Subscribes to {@code .../cmd} at QoS 1 on every connection (the persistent session would keep it, but a
     * broker that lost its state would not). A refusal (ACL) is logged and shown in health; telemetry goes on.
     */
    private void subscribeToCommands(MqttAsyncClient c) throws MqttException {
        String topic = topics.of("cmd");
        IMqttToken token = c.subscribe(new MqttSubscription(topic, 1));
        token.waitForCompletion(STATE_PUBLISH_TIMEOUT_MS);
        int[] reasons = token.getReasonCodes();
        boolean denied = reasons == null || reasons.length == 0 || reasons[0] >= 0x80;
        if (denied && !commandsDenied) {
            LOG.error("uplink: broker refused the subscription to {} (MQTT reason 0x{}): the IOC cannot command this"
                    + " gateway; check the broker's ACL", topic,
                    reasons == null || reasons.length == 0 ? "?" : Integer.toHexString(reasons[0]));
        }
        commandsDenied = denied;
    }

    /** Publishes a command reply at QoS 1 on the live connection; false when there is none or it failed. */
    boolean sendReply(String topic, byte[] payload, byte[] correlationData) {
        Connection c = current;
        if (c == null) {
            return false;
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setPayloadFormat(true);
        p.setContentType("application/json");
        if (correlationData != null) {
            p.setCorrelationData(correlationData);
        }
        m.setProperties(p);
        try {
            IMqttToken token = c.client().publish(topic, m);
            token.waitForCompletion(STATE_PUBLISH_TIMEOUT_MS);
            int[] reasons = token.getReasonCodes();
            if (reasons != null && reasons.length > 0 && reasons[0] >= 0x80) {
                LOG.warn("uplink: broker refused the reply on {} (MQTT reason 0x{})", topic,
                        Integer.toHexString(reasons[0]));
                return false;
            }
            return true;
        } catch (MqttException e) {
            LOG.debug("uplink: reply on {} not sent: {}", topic, e.getMessage());
            return false;
        }
    }

    /** Publishes a retained state message; a broker refusal (v5 reason code, e.g. ACL) is thrown, not ignored. */
    private void publishState(MqttAsyncClient c, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(STATE_QOS);
        m.setRetained(true);
        MqttProperties p = new MqttProperties();
        p.setPayloadFormat(true);
        p.setContentType("application/json");
        m.setProperties(p);
        IMqttToken token = c.publish(topics.state(), m);
        token.waitForCompletion(STATE_PUBLISH_TIMEOUT_MS);
        int[] reasons = token.getReasonCodes();
        if (reasons != null && reasons.length > 0 && reasons[0] >= 0x80) {
            throw new PublishDenied(topics.state(), reasons[0]);
        }
    }

    /** The broker answered a publish with a refusal (Mosquitto: PUBACK 0x87 when its ACL denies the topic). */
    static final class PublishDenied extends MqttException {
        private static final long serialVersionUID = 1L;
        private final String topic;

        PublishDenied(String topic, int reason) {
            super(reason);
            this.topic = topic;
        }

        @Override
        public String getMessage() {
            return String.format("broker denied publishing to %s (MQTT reason 0x%02X): check the broker's ACL for"
                    + " this gateway", topic, getReasonCode());
        }
    }

    /** Cancels a pending try; on a live connection publishes the offline state and disconnects cleanly. */
    private void closeConnection(String reason) {
        if (nextTry != null) {
            nextTry.cancel(false);
            nextTry = null;
        }
        Connection c = current;
        current = null;
        connectedSince = 0;
        if (c != null) {
            listener.down();
            try {
                publishState(c.client(), states.offline(c.topics(), reason));
                c.client().disconnect(5_000).waitForCompletion(6_000);
            } catch (MqttException e) {
                LOG.debug("uplink: clean disconnect failed: {}", e.getMessage());
            }
        }
        closeQuietly(client);
        client = null;
        generation++;
    }

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // nothing left to do with it
        }
    }

    /** Paho's callbacks for one client; anything from a replaced client is ignored. */
    private final class Callback implements MqttCallback {
        private final long gen;
        private final Topics clientTopics;

        Callback(long gen, Topics clientTopics) {
            this.gen = gen;
            this.clientTopics = clientTopics;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getReasonString() != null ? response.getReasonString()
                    : response.getException() != null ? String.valueOf(response.getException().getMessage())
                            : String.format("broker sent DISCONNECT 0x%02X", response.getReturnCode());
            executor.execute(() -> lost(gen, why));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("uplink: MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Queued commands of the persistent session may arrive before connect() has finished: take them.
            if (gen != generation || !topic.equals(clientTopics.of("cmd"))) {
                return; // an old client's delivery, or a topic we never asked for
            }
            MqttProperties p = message.getProperties();
            commands.arrived(clientTopics, message.getPayload(), p == null ? null : p.getResponseTopic(),
                    p == null ? null : p.getCorrelationData(), MqttLink.this::sendReply);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Each publish has its own listener (Drainer).
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Reported by connect() itself.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
