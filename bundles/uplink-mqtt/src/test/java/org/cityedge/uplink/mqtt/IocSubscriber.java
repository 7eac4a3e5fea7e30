package org.cityedge.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The IOC's side: a Paho v5 client subscribed at QoS 1 that keeps everything it receives and validates each
 * message against its JSON Schema on arrival. With a persistent session it survives broker restarts like an IOC
 * ingest service would.
 */
final class IocSubscriber implements AutoCloseable {

    record Received(String topic, String payload, boolean retained, long seq, long arrivedAt, JsonNode json) {
        String kind() {
            return topic.split("/")[4];
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttAsyncClient client;
    private final List<Received> received = new ArrayList<>();
    private final List<String> schemaErrors = new ArrayList<>();
    private final String filter;

    IocSubscriber(String url, String clientId, String filter, boolean persistent, String user, String password)
            throws MqttException {
        this.filter = filter;
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                record(topic, m);
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    try { // harmless when the session kept the subscription
                        client.subscribe(new MqttSubscription(IocSubscriber.this.filter, 1));
                    } catch (MqttException ignored) {
                        // the next reconnect tries again
                    }
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!persistent);
        o.setSessionExpiryInterval(persistent ? 3600L : 0L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        o.setKeepAliveInterval(10);
        o.setReceiveMaximum(1000);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription(filter, 1)).waitForCompletion(10_000);
    }

    static IocSubscriber open(String url, String filter) throws MqttException {
        return new IocSubscriber(url, "ioc-" + System.nanoTime(), filter, false, null, null);
    }

    private void record(String topic, MqttMessage m) {
        String payload = new String(m.getPayload(), StandardCharsets.UTF_8);
        JsonNode json = null;
        long seq = -1;
        try {
            json = JSON.readTree(payload);
            seq = json.path("seq").asLong(-1);
            String kind = topic.split("/")[4];
            for (String error : Schemas.validate(kind, json)) {
                synchronized (schemaErrors) {
                    schemaErrors.add(topic + ": " + error + " in " + payload);
                }
            }
        } catch (Exception e) {
            synchronized (schemaErrors) {
                schemaErrors.add(topic + ": not JSON: " + e.getMessage());
            }
        }
        synchronized (received) {
            received.add(new Received(topic, payload, m.isRetained(), seq, System.currentTimeMillis(), json));
            received.notifyAll();
        }
    }

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    List<String> schemaErrors() {
        synchronized (schemaErrors) {
            return new ArrayList<>(schemaErrors);
        }
    }

    /** Waits (bounded) until the messages matching the predicate reach the count; returns them. */
    List<Received> await(Predicate<Received> which, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (received) {
            while (true) {
                List<Received> matching = received.stream().filter(which).toList();
                long left = deadline - System.nanoTime();
                if (matching.size() >= count || left <= 0) {
                    return matching;
                }
                TimeUnit.NANOSECONDS.timedWait(received, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // nothing left to do
        }
    }
}
