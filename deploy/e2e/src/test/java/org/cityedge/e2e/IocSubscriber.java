package org.cityedge.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * The IOC's ingest: a Paho MQTT v5 client with a persistent session (clean start off, session expiry 1 h), so
 * messages published while it is cut off by a broker restart wait for it in the broker. Subscribed at QoS 1 to
 * {@code cityedge/v1/#}; keeps every message and checks each against its JSON Schema on arrival.
 */
final class IocSubscriber implements AutoCloseable {

    static final String FILTER = "cityedge/v1/#";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 15_000;

    private final MqttAsyncClient client;
    private final List<IocMessage> received = new ArrayList<>();
    private final List<String> schemaProblems = new ArrayList<>();

    private IocSubscriber(String brokerUrl) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, "ioc-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                new MemoryPersistence());
        client.setCallback(new Callback());
    }

    static IocSubscriber connect(String brokerUrl) throws MqttException {
        IocSubscriber s = new IocSubscriber(brokerUrl);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        o.setKeepAliveInterval(10);
        o.setReceiveMaximum(1000);
        s.client.connect(o).waitForCompletion(WAIT_MS);
        s.client.subscribe(new MqttSubscription(FILTER, 1)).waitForCompletion(WAIT_MS);
        return s;
    }

    boolean connected() {
        return client.isConnected();
    }

    List<IocMessage> messages() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    List<IocMessage> messages(Predicate<IocMessage> which) {
        return messages().stream().filter(which).toList();
    }

    List<String> schemaProblems() {
        synchronized (schemaProblems) {
            return new ArrayList<>(schemaProblems);
        }
    }

    /** A short account of what arrived, for failure messages. */
    String summary() {
        List<IocMessage> all = messages();
        StringBuilder b = new StringBuilder("IOC received " + all.size() + " messages");
        all.stream().map(IocMessage::topic).distinct().sorted().forEach(t -> b.append("\n  ").append(t)
                .append(" x").append(all.stream().filter(m -> m.topic().equals(t)).count()));
        List<IocMessage> last = all.subList(Math.max(0, all.size() - 3), all.size());
        last.forEach(m -> b.append("\n  last: ").append(m));
        return b.toString();
    }

    private void record(String topic, MqttMessage m) {
        String payload = new String(m.getPayload(), StandardCharsets.UTF_8);
        JsonNode json = null;
        List<String> problems;
        try {
            json = JSON.readTree(payload);
            IocMessage probe = new IocMessage(topic, payload, json, m.isRetained(), 0);
            problems = Schemas.validate(probe.kind(), json);
        } catch (Exception e) {
            problems = List.of("not valid JSON or no schema: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            synchronized (schemaProblems) {
                schemaProblems.add(topic + ": " + problems + " in " + payload);
            }
        }
        synchronized (received) {
            received.add(new IocMessage(topic, payload, json, m.isRetained(), System.nanoTime()));
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(5_000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // nothing left to release
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            record(topic, message);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // nothing to do: the broker kept the session and its subscription (no resubscribe, which would also
            // replay retained state messages and blur what arrived when)
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
