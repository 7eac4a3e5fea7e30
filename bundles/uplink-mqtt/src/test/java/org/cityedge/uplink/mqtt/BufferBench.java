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
 * <li>latency from the sample's read (its time, set when the poll is made) to arrival at the subscriber at a light
 * steady load, p50 and p99;</li>
 * <li>the same at the TCP scale of the field benchmark: 1,000 devices polled every second, 20 points each, so 1,000
 * telemetry messages (20,000 samples) per second, spread evenly over the second, for a fixed time; with the backlog
 * (sent, not yet arrived) when the load stops, and how long the rest took to arrive.</li>
 * </ol>
 * Last line: the figures as name=value pairs. Options: --polls N (default 50000), --rate polls/s (200),
 * --seconds light phase (15), --tcp-devices N (1000), --tcp-seconds (20).
 */
public final class BufferBench {

    private static final int POINTS = 20;
    private static final int DEVICES = 500;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private BufferBench() {
    }

    public static void main(String[] args) throws Exception {
        int polls = intArg(args, "--polls", 50_000);
        int rate = intArg(args, "--rate", 200);
        int seconds = intArg(args, "--seconds", 15);
        int tcpDevices = intArg(args, "--tcp-devices", 1000);
        int tcpSeconds = intArg(args, "--tcp-seconds", 20);
        Path dir = Files.createTempDirectory("cityedge-bench");
        try (Mosquitto broker = Mosquitto.plain(Files.createDirectories(dir.resolve("broker")))) {
            run(dir, broker, polls, rate, seconds, tcpDevices, tcpSeconds);
        } finally {
            deleteTree(dir);
        }
    }

    private static void run(Path dir, Mosquitto broker, int polls, int rate, int seconds, int tcpDevices,
            int tcpSeconds) throws Exception {
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

                // 4. latency at a light steady load
                Load light = Load.run(engine, ioc, DEVICES, rate, seconds);
                System.out.printf(Locale.ROOT, "latency: %d messages at %d polls/s (%d samples/s): p50 %d ms, p99 %d"
                        + " ms, link %s%n", light.latencies.length, rate, rate * POINTS, light.p50(), light.p99(),
                        engine.status().state() == LinkState.CONNECTED ? "up" : "down");

                // 5. latency at the TCP scale
                long droppedBefore = outbox.status().droppedTotal();
                Load tcp = Load.run(engine, ioc, tcpDevices, tcpDevices, tcpSeconds);
                long tcpDropped = outbox.status().droppedTotal() - droppedBefore;
                boolean keptUp = tcp.backlogAtEnd < tcp.rate && tcp.latencies.length == tcp.sent && tcpDropped == 0;
                System.out.printf(Locale.ROOT, "tcp scale: %d devices x %d points every second for %d s: %d messages"
                        + " sent at %.0f msg/s (%.0f samples/s); p50 %d ms, p99 %d ms, max %d ms; backlog when the"
                        + " load stopped %d messages, all in %d ms later; arrived %d, dropped %d; kept up: %s%n",
                        tcpDevices, POINTS, tcpSeconds, tcp.sent, tcp.rate, tcp.rate * POINTS, tcp.p50(), tcp.p99(),
                        tcp.max(), tcp.backlogAtEnd, tcp.catchUpMillis, tcp.latencies.length, tcpDropped, keptUp);

                System.out.printf(Locale.ROOT, "ingest_samples_per_s=%.0f drain_msgs_per_s=%.0f"
                        + " bytes_per_sample=%.1f latency_p50_ms=%d latency_p99_ms=%d load_samples_per_s=%d"
                        + " tcp_devices=%d tcp_seconds=%d tcp_msgs_per_s=%.0f tcp_samples_per_s=%.0f"
                        + " tcp_latency_p50_ms=%d tcp_latency_p99_ms=%d tcp_latency_max_ms=%d tcp_backlog_end=%d"
                        + " tcp_catch_up_ms=%d tcp_dropped=%d tcp_kept_up=%b%n",
                        ingestRate, drainRate, bytesPerSample, light.p50(), light.p99(), rate * POINTS, tcpDevices,
                        tcpSeconds, tcp.rate, tcp.rate * POINTS, tcp.p50(), tcp.p99(), tcp.max(), tcp.backlogAtEnd,
                        tcp.catchUpMillis, tcpDropped, keptUp);
            }
        }
    }

    /**
     * A steady load: every 10 ms the polls due by then, devices in turn, each stamped with the time it is made (the
     * sample's read); then waits (60 s at most) for the rest to arrive.
     */
    private static final class Load {
        int sent;
        double rate;
        long backlogAtEnd;
        long catchUpMillis;
        long[] latencies;

        static Load run(UplinkEngine engine, CountingSubscriber ioc, int devices, int pollsPerSecond, int seconds)
                throws InterruptedException {
            ioc.startLatencies();
            Load load = new Load();
            int total = pollsPerSecond * seconds;
            long start = System.nanoTime();
            long tick = start;
            while (load.sent < total) {
                long due = Math.min(total, (tick - start + TICK_NANOS) * pollsPerSecond / TimeUnit.SECONDS.toNanos(1));
                for (; load.sent < due; load.sent++) {
                    int device = load.sent % devices;
                    engine.accept(SyntheticPolls.poll(FixedFacts.device(device), POINTS, load.sent / devices,
                            System.currentTimeMillis()));
                }
                tick += TICK_NANOS;
                long sleep = tick - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            long end = System.nanoTime();
            load.rate = load.sent / ((end - start) / 1e9);
            load.backlogAtEnd = load.sent - ioc.latencySize();
            long deadline = end + TimeUnit.SECONDS.toNanos(60);
            while (ioc.latencySize() < load.sent && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            load.catchUpMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - end);
            ioc.recordLatency = false;
            load.latencies = ioc.latencies();
            Arrays.sort(load.latencies);
            return load;
        }

        long p50() {
            return percentile(0.50);
        }

        long p99() {
            return percentile(0.99);
        }

        long max() {
            return latencies.length == 0 ? -1 : latencies[latencies.length - 1];
        }

        private long percentile(double q) {
            return latencies.length == 0 ? -1 : latencies[Math.min(latencies.length - 1, (int) (latencies.length * q))];
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

        void startLatencies() {
            synchronized (latencies) {
                latencies.clear();
            }
            recordLatency = true;
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
