package org.cityedge.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.model.Sample;
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

/**
 * {@code ./cityedge bench buffer}: the buffer and uplink with their defaults (50 ms group commit, synchronous=FULL,
 * QoS 1), a real Mosquitto on loopback and a subscriber in this JVM.
 * <ol>
 * <li>ingest: polls of 20 points (one message each) through the normalizer into the buffer, until durable;</li>
 * <li>bytes on disk per buffered sample (after a WAL checkpoint);</li>
 * <li>drain: that backlog published at QoS 1 until the broker acknowledged all of it;</li>
 * <li>latency from accept() to arrival at the subscriber at a steady load, p50 and p99.</li>
 * </ol>
 * Last line: the figures as name=value pairs. Options: --polls N (default 50000), --rate polls/s (200),
 * --seconds latency phase (15).
 */
public final class BufferBench {

    private static final int POINTS = 20;
    private static final int DEVICES = 500;

    private BufferBench() {
    }

    public static void main(String[] args) throws Exception {
        int polls = intArg(args, "--polls", 50_000);
        int rate = intArg(args, "--rate", 200);
        int seconds = intArg(args, "--seconds", 15);
        Path dir = Files.createTempDirectory("cityedge-bench");
        try (Mosquitto broker = Mosquitto.plain(Files.createDirectories(dir.resolve("broker")))) {
            run(dir, broker, polls, rate, seconds);
        } finally {
            deleteTree(dir);
        }
    }

    private static void run(Path dir, Mosquitto broker, int polls, int rate, int seconds) throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir.resolve("outbox.db")).withQueueCapacity(polls + 1);
        List<List<Sample>> pool = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        for (int d = 0; d < DEVICES; d++) {
            pool.add(SyntheticPolls.poll(FixedFacts.device(d), POINTS, d, t0));
        }
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            // 1. ingest
            TelemetryNormalizer normalizer = new TelemetryNormalizer(outbox, System::currentTimeMillis);
            normalizer.configure(UplinkSettings.defaults(""));
            long start = System.nanoTime();
            for (int n = 0; n < polls; n++) {
                normalizer.accept(pool.get(n % DEVICES));
            }
            outbox.flush().toCompletableFuture().get(10, TimeUnit.MINUTES);
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            long samples = (long) polls * POINTS;
            double ingestRate = samples / ingestSeconds;
            System.out.printf(Locale.ROOT, "ingest: %d samples (%d messages) durable in %.2f s: %.0f samples/s;"
                    + " dropped %d%n", samples, polls, ingestSeconds, ingestRate, outbox.status().droppedTotal());

            // 2. bytes on disk
            outbox.checkpoint();
            double bytesPerSample = outbox.status().fileBytes() / (double) samples;
            System.out.printf(Locale.ROOT, "disk: %d bytes for %d samples: %.1f bytes/sample; 1 GB holds %.1f h of"
                    + " 500 devices x 20 points per minute%n", outbox.status().fileBytes(), samples, bytesPerSample,
                    1e9 / bytesPerSample / (500 * 20 * 60));

            // 3. drain
            try (CountingSubscriber ioc = new CountingSubscriber(broker.url());
                    UplinkEngine engine = new UplinkEngine(outbox, new FixedFacts("bench", "gw-bench", DEVICES))) {
                start = System.nanoTime();
                engine.start(UplinkSettings.defaults(broker.url()).withTiming(30, 3600, 200, 2_000));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while ((outbox.status().depth() > 0 || ioc.count.get() < polls) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                double drainSeconds = (System.nanoTime() - start) / 1e9;
                double drainRate = ioc.count.get() / drainSeconds;
                System.out.printf(Locale.ROOT, "drain: %d messages acknowledged and received in %.2f s: %.0f msg/s"
                        + " (link %s)%n", ioc.count.get(), drainSeconds, drainRate, engine.status().state());

                // 4. latency at a steady load
                ioc.latencies.clear();
                ioc.recordLatency = true;
                long period = TimeUnit.SECONDS.toNanos(1) / rate;
                long next = System.nanoTime();
                int sent = rate * seconds;
                for (int n = 0; n < sent; n++) {
                    List<Sample> poll = SyntheticPolls.poll(FixedFacts.device(n % DEVICES), POINTS, n,
                            System.currentTimeMillis());
                    engine.accept(poll);
                    next += period;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ioc.latencySize() < sent && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long[] lat = ioc.latencies();
                Arrays.sort(lat);
                long p50 = lat.length == 0 ? -1 : lat[lat.length / 2];
                long p99 = lat.length == 0 ? -1 : lat[Math.min(lat.length - 1, (int) (lat.length * 0.99))];
                System.out.printf(Locale.ROOT, "latency: %d messages at %d polls/s (%d samples/s): p50 %d ms, p99 %d"
                        + " ms, link %s%n", lat.length, rate, rate * POINTS, p50, p99,
                        engine.status().state() == LinkState.CONNECTED ? "up" : "down");
                System.out.printf(Locale.ROOT, "ingest_samples_per_s=%.0f drain_msgs_per_s=%.0f"
                        + " bytes_per_sample=%.1f latency_p50_ms=%d latency_p99_ms=%d load_samples_per_s=%d%n",
                        ingestRate, drainRate, bytesPerSample, p50, p99, rate * POINTS);
            }
        }
    }

    /** Counts what arrives; in the latency phase also how long after its sample time each message arrived. */
    private static final class CountingSubscriber implements AutoCloseable {
        final AtomicLong count = new AtomicLong();
        volatile boolean recordLatency;
        final List<Long> latencies = new ArrayList<>();
        private final MqttAsyncClient client;

        CountingSubscriber(String url) throws MqttException {
            client = new MqttAsyncClient(url, "bench-ioc", new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    if (!topic.contains("/telemetry/")) {
                        return;
                    }
                    count.incrementAndGet();
                    if (recordLatency) {
                        long now = System.currentTimeMillis();
                        String p = new String(message.getPayload(), 0, Math.min(120, message.getPayload().length),
                                StandardCharsets.UTF_8);
                        int i = p.indexOf("\"time\":") + 7;
                        int j = i;
                        while (j < p.length() && Character.isDigit(p.charAt(j))) {
                            j++;
                        }
                        synchronized (latencies) {
                            latencies.add(now - Long.parseLong(p.substring(i, j)));
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
            o.setReceiveMaximum(1000);
            client.connect(o).waitForCompletion(10_000);
            client.subscribe(new MqttSubscription("cityedge/v1/#", 1)).waitForCompletion(10_000);
        }

        int latencySize() {
            synchronized (latencies) {
                return latencies.size();
            }
        }

        long[] latencies() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp dir: the OS cleans it eventually
        }
    }
}
