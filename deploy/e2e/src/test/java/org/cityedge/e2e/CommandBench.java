package org.cityedge.e2e;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;
import org.cityedge.simulator.Simulator;
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
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * {@code ./cityedge bench command}: the command round trip of the real gateway (IOC publish, gateway, verified
 * Modbus write on the TCP simulator, reply received), against the two costs it cannot avoid, measured in the same run
 * on the same machine: an MQTT request/reply through the same broker with a client that answers at once, and a
 * Modbus write plus read-back on the same simulated device. {@code overhead_ratio} is the command's p50 over the sum
 * of those two p50s: 1.0 would mean the gateway adds nothing.
 */
public final class CommandBench {

    private static final int COMMANDS = 200;
    private static final int WARM_UP = 20;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private CommandBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench-command"));
        LoadResult loaded = SiteFiles.load(Sites.path(Sites.SAIGON_D1), List.of());
        try (Simulator sim = Simulator.builder().anyFreePorts().build()) {
            sim.start(loaded.site(), loaded.profiles());
            Path served = work.resolve("site.yaml");
            sim.writeSite(served);
            int lampPort = sim.site().bus("lights-tcp").orElseThrow().tcpPort();
            try (TestBed bed = TestBed.start("bench-command", Files.readString(served));
                    IocCommander ioc = IocCommander.connect(bed.broker().url())) {
                String cmd = "cityedge/v1/saigon-d1/e2e-gw-01/cmd";
                Bounded.await("the gateway's birth", LIMIT, () -> !bed.ioc().messages(m -> m.is("state")).isEmpty(),
                        bed::diagnostics);
                double[] command = new double[COMMANDS];
                int failed = 0;
                for (int i = -WARM_UP; i < COMMANDS; i++) {
                    int level = 20 + Math.floorMod(i, 2) * 50;
                    long t0 = System.nanoTime();
                    JsonNode reply = ioc.call(cmd, "{\"id\":\"bench-" + System.nanoTime() + "\",\"action\":\"dim\","
                            + "\"target\":{\"device\":\"sl-101\"},\"level\":" + level + "}", LIMIT);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (!"ok".equals(reply.path("status").asText())) {
                        failed++;
                    }
                    if (i >= 0) {
                        command[i] = ms;
                    }
                }
                double[] echo = mqttEcho(bed.broker().url());
                double[] modbus = modbusWriteReadBack(lampPort);
                double c50 = percentile(command, 50);
                double floor = percentile(echo, 50) + percentile(modbus, 50);
                System.out.println(String.format(Locale.ROOT, "commands=%d failed=%d rtt_p50_ms=%.1f rtt_p99_ms=%.1f"
                        + " rtt_max_ms=%.1f mqtt_echo_p50_ms=%.2f modbus_write_readback_p50_ms=%.2f"
                        + " overhead_ratio=%.2f", COMMANDS, failed, c50, percentile(command, 99), max(command),
                        percentile(echo, 50), percentile(modbus, 50), c50 / floor));
            }
        }
    }

    /** Request/reply through the broker with a responder that answers at once: the transport's share. */
    private static double[] mqttEcho(String url) throws Exception {
        MqttAsyncClient responder = new MqttAsyncClient(url, "bench-responder-" + System.nanoTime(),
                new MemoryPersistence());
        MqttAsyncClient requester = new MqttAsyncClient(url, "bench-requester-" + System.nanoTime(),
                new MemoryPersistence());
        Object lock = new Object();
        long[] replies = {0};
        responder.setCallback(new Quiet() {
            @Override
            public void messageArrived(String topic, MqttMessage m) throws MqttException {
                MqttMessage r = new MqttMessage(m.getPayload());
                r.setQos(1);
                MqttProperties p = new MqttProperties();
                p.setCorrelationData(m.getProperties().getCorrelationData());
                r.setProperties(p);
                responder.publish(m.getProperties().getResponseTopic(), r);
            }
        });
        requester.setCallback(new Quiet() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                synchronized (lock) {
                    replies[0]++;
                    lock.notifyAll();
                }
            }
        });
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSocketFactory(new NoDelaySocketFactory()); // as the gateway and the IocCommander do
            responder.connect(o).waitForCompletion(10_000);
            requester.connect(o).waitForCompletion(10_000);
            responder.subscribe(new MqttSubscription("bench/echo/req", 1)).waitForCompletion(10_000);
            requester.subscribe(new MqttSubscription("bench/echo/rep", 1)).waitForCompletion(10_000);
            double[] ms = new double[COMMANDS];
            for (int i = -WARM_UP; i < COMMANDS; i++) {
                MqttMessage m = new MqttMessage("{\"id\":\"x\",\"action\":\"dim\"}".getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                MqttProperties p = new MqttProperties();
                p.setResponseTopic("bench/echo/rep");
                p.setCorrelationData(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                m.setProperties(p);
                long t0 = System.nanoTime();
                long want;
                synchronized (lock) {
                    want = replies[0] + 1;
                }
                requester.publish("bench/echo/req", m);
                synchronized (lock) {
                    long deadline = System.nanoTime() + LIMIT.toNanos();
                    while (replies[0] < want && System.nanoTime() < deadline) {
                        lock.wait(100);
                    }
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return ms;
        } finally {
            for (MqttAsyncClient c : new MqttAsyncClient[] {requester, responder}) {
                try {
                    c.disconnect().waitForCompletion(5_000);
                    c.close();
                } catch (MqttException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** Write holding register 0 (dimLevel) of unit 1 and read it back, as the gateway's verified write does. */
    private static double[] modbusWriteReadBack(int port) throws Exception {
        ModbusTCPMaster master = new ModbusTCPMaster(InetAddress.getLoopbackAddress().getHostAddress(), port);
        master.connect();
        try {
            double[] ms = new double[COMMANDS];
            for (int i = -WARM_UP; i < COMMANDS; i++) {
                int level = 20 + Math.floorMod(i, 2) * 50;
                long t0 = System.nanoTime();
                master.writeSingleRegister(1, 0, new SimpleRegister(level));
                master.readMultipleRegisters(1, 0, 1);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return ms;
        } finally {
            master.disconnect();
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    /** Paho's callback with nothing to do but messageArrived. */
    private abstract static class Quiet implements MqttCallback {
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
    }
}
