package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityedge.api.control.CommandHandler;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.buffer.BufferSettings;
import org.cityedge.buffer.DurableOutbox;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command path through a real Mosquitto: the IOC publishes on {@code .../cmd} with an MQTT v5 response topic and
 * correlation data; the handler's reply comes back on that topic with the same correlation data and the gateway id.
 * The handler is a stand-in (the control bundle is tested on its own): this test is about the transport.
 */
class CommandPathTest {

    private static final String PREFIX = "cityedge/v1/district-7/gw-0001/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Mosquitto broker;
    private DurableOutbox outbox;
    private UplinkEngine engine;
    private Ioc ioc;
    private final AtomicInteger handled = new AtomicInteger();
    private volatile CommandHandler handler = (payload, at) -> {
        handled.incrementAndGet();
        JsonNode request;
        try {
            request = JSON.readTree(payload);
        } catch (Exception e) {
            return CompletableFuture.completedFuture("{\"id\":null,\"status\":\"error\",\"results\":[]}");
        }
        return CompletableFuture.completedFuture("{\"id\":\"" + request.path("id").asText()
                + "\",\"status\":\"ok\",\"results\":[]}");
    };

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.plain(dir);
        outbox = DurableOutbox.open(BufferSettings.defaults(dir.resolve("buffer/outbox.db")).withCommitInterval(10));
        engine = new UplinkEngine(outbox, new FixedFacts("district-7", "gw-0001", 1), () -> handler);
        engine.start(PlainBrokerTest.settings(broker.url()));
        PlainBrokerTest.awaitState(engine, LinkState.CONNECTED);
        ioc = new Ioc(broker.url());
    }

    @AfterEach
    void stop() throws Exception {
        if (ioc != null) {
            ioc.close();
        }
        engine.close();
        outbox.close();
        broker.close();
    }

    @Test
    void theReplyGoesToTheResponseTopicWithTheCorrelationData() throws Exception {
        ioc.send(PREFIX + "cmd", "{\"id\":\"c-1\",\"action\":\"dim\"}", "ioc/replies/7", "corr-1");
        Ioc.Reply reply = ioc.await("ioc/replies/7", 1).get(0);
        assertThat(reply.correlation()).isEqualTo("corr-1");
        assertThat(reply.json().path("id").asText()).isEqualTo("c-1");
        assertThat(reply.json().path("gatewayId").asText()).isEqualTo("gw-0001");
        assertThat(reply.json().path("time").asLong()).isPositive();
        assertThat(handled).hasValue(1);
    }

    @Test
    void withoutAResponseTopicTheReplyGoesToTheGatewaysReplyTopic() throws Exception {
        ioc.send(PREFIX + "cmd", "{\"id\":\"c-2\",\"action\":\"status\"}", null, null);
        Ioc.Reply reply = ioc.await(PREFIX + "reply", 1).get(0);
        assertThat(reply.json().path("id").asText()).isEqualTo("c-2");
        assertThat(reply.correlation()).isNull();
    }

    @Test
    void anOversizedCommandIsRefusedWithoutReachingTheHandler() throws Exception {
        String big = "{\"id\":\"c-3\",\"pad\":\"" + "x".repeat(CommandInlet.MAX_PAYLOAD_BYTES) + "\"}";
        ioc.send(PREFIX + "cmd", big, "ioc/replies/7", "corr-3");
        Ioc.Reply reply = ioc.await("ioc/replies/7", 1).get(0);
        assertThat(reply.json().path("status").asText()).isEqualTo("error");
        assertThat(reply.json().path("error").path("code").asText()).isEqualTo("payload-too-large");
        assertThat(reply.correlation()).isEqualTo("corr-3");
        assertThat(handled).hasValue(0);
        assertThat(engine.commands().refusedHere()).isEqualTo(1);
    }

    @Test
    void withoutAControlComponentTheIocIsToldSo() throws Exception {
        handler = null;
        ioc.send(PREFIX + "cmd", "{\"id\":\"c-4\",\"action\":\"dim\"}", "ioc/replies/7", "corr-4");
        Ioc.Reply reply = ioc.await("ioc/replies/7", 1).get(0);
        assertThat(reply.json().path("error").path("code").asText()).isEqualTo("unavailable");
    }

    @Test
    void commandsOnOtherTopicsAreNotTaken() throws Exception {
        ioc.send("cityedge/v1/district-7/gw-0002/cmd", "{\"id\":\"c-5\"}", "ioc/replies/7", "corr-5");
        ioc.send(PREFIX + "cmd", "{\"id\":\"c-6\"}", "ioc/replies/7", "corr-6");
        List<Ioc.Reply> replies = ioc.await("ioc/replies/7", 1); // one thread takes commands in order: c-5 first
        assertThat(ioc.replies("ioc/replies/7")).extracting(Ioc.Reply::correlation).containsExactly("corr-6");
        assertThat(replies).hasSize(1);
        assertThat(handled).hasValue(1);
    }

    @Test
    void healthCountsTheCommandsAndShowsTheSubscription() throws Exception {
        try (IocSubscriber health = IocSubscriber.open(broker.url(), PREFIX + "health")) {
            ioc.send(PREFIX + "cmd", "{\"id\":\"c-7\",\"action\":\"status\"}", "ioc/replies/7", "corr-7");
            ioc.await("ioc/replies/7", 1);
            engine.reportHealth();
            List<IocSubscriber.Received> reports = health.await(
                    r -> r.json().path("commands").path("received").asLong() == 1, 1, PlainBrokerTest.WAIT);
            assertThat(reports).isNotEmpty();
            assertThat(reports.get(0).json().path("commands").path("subscribed").asBoolean()).isTrue();
            assertThat(health.schemaErrors()).isEmpty();
        }
    }

    /** The IOC's side: publishes commands and collects replies with their correlation data. */
    static final class Ioc implements AutoCloseable {
        record Reply(String topic, JsonNode json, String correlation) {
        }

        private final MqttAsyncClient client;
        private final List<Reply> replies = new ArrayList<>();

        Ioc(String url) throws MqttException {
            client = new MqttAsyncClient(url, "ioc-cmd-" + System.nanoTime(), new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage m) throws Exception {
                    byte[] c = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
                    synchronized (replies) {
                        replies.add(new Reply(topic, JSON.readTree(m.getPayload()),
                                c == null ? null : new String(c, StandardCharsets.UTF_8)));
                        replies.notifyAll();
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
            client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            client.subscribe(new MqttSubscription[] {new MqttSubscription("ioc/replies/#", 1),
                new MqttSubscription(PREFIX + "reply", 1)}).waitForCompletion(10_000);
        }

        void send(String topic, String payload, String responseTopic, String correlation) throws MqttException {
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            MqttProperties p = new MqttProperties();
            if (responseTopic != null) {
                p.setResponseTopic(responseTopic);
            }
            if (correlation != null) {
                p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
            }
            m.setProperties(p);
            client.publish(topic, m).waitForCompletion(10_000);
        }

        List<Reply> replies(String topic) {
            synchronized (replies) {
                return replies.stream().filter(r -> r.topic().equals(topic)).toList();
            }
        }

        List<Reply> await(String topic, int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PlainBrokerTest.WAIT);
            synchronized (replies) {
                while (replies(topic).size() < count && System.nanoTime() < deadline) {
                    replies.wait(100);
                }
            }
            List<Reply> got = replies(topic);
            assertThat(got).as("replies on " + topic).hasSizeGreaterThanOrEqualTo(count);
            return got;
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
