package org.cityedge.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
 * The IOC's operator console, as far as MQTT goes: publishes a command on {@code .../cmd} with an MQTT v5 response
 * topic of its own and fresh correlation data, and completes when the reply with that correlation data arrives.
 */
final class IocCommander implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttAsyncClient client;
    private final String responseTopic;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private long next;

    private IocCommander(String brokerUrl) throws MqttException {
        String id = "ioc-operator-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        responseTopic = "ioc/replies/" + id;
        client = new MqttAsyncClient(brokerUrl, id, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                byte[] c = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
                CompletableFuture<JsonNode> f = c == null ? null
                        : pending.remove(new String(c, StandardCharsets.UTF_8));
                if (f != null) {
                    try {
                        f.complete(JSON.readTree(m.getPayload()));
                    } catch (Exception e) {
                        f.completeExceptionally(e);
                    }
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setSocketFactory(new NoDelaySocketFactory());
        client.connect(o).waitForCompletion(15_000);
        client.subscribe(new MqttSubscription(responseTopic, 1)).waitForCompletion(15_000);
    }

    static IocCommander connect(String brokerUrl) throws MqttException {
        return new IocCommander(brokerUrl);
    }

    /** Sends a command to {@code cmdTopic}; the future completes with the reply. */
    CompletableFuture<JsonNode> send(String cmdTopic, String commandJson) throws MqttException {
        String correlation = "c" + (++next) + "-" + System.nanoTime();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(correlation, reply);
        MqttMessage m = new MqttMessage(commandJson.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(responseTopic);
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        p.setContentType("application/json");
        m.setProperties(p);
        client.publish(cmdTopic, m).waitForCompletion(15_000);
        return reply;
    }

    /** Sends and waits (bounded) for the reply. */
    JsonNode call(String cmdTopic, String commandJson, Duration limit) throws Exception {
        return send(cmdTopic, commandJson).get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            client.disconnect(2_000).waitForCompletion(5_000);
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // nothing left to release
        }
    }
}
