package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.uplink.mqtt.IocSubscriber.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Link and power chaos, with real processes: Mosquitto is stopped for a while and started again during
 * publishing, then the gateway process is killed with SIGKILL mid-stream and started again on the same buffer.
 * The IOC subscriber must have seen every sequence number at least once; the duplicate rate is reported.
 */
class ChaosTest {

    private static final long WAIT = 120_000;

    @TempDir
    Path dir;

    /** A gateway child JVM whose stdout lines are followed. */
    static final class Child implements AutoCloseable {
        final Process process;
        final AtomicLong durable = new AtomicLong();
        final AtomicLong drained = new AtomicLong(-1);
        final List<String> lines = new ArrayList<>();

        Child(Path buffer, String broker, int rate, long total, long first) throws Exception {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            process = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", classpath,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", GatewayProcess.class.getName(),
                    buffer.toString(), broker, String.valueOf(rate), String.valueOf(total), String.valueOf(first))
                    .redirectErrorStream(true).start();
            Thread reader = new Thread(this::follow, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void follow() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("DURABLE ")) {
                        durable.set(Long.parseLong(line.substring(8).trim()));
                    } else if (line.startsWith("DRAINED ")) {
                        drained.set(Long.parseLong(line.substring(8).trim()));
                    }
                }
            } catch (Exception ignored) {
                // the child is gone
            }
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
            process.waitFor(30, TimeUnit.SECONDS);
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill9();
            }
        }
    }

    @Test
    void everySequenceNumberArrivesThroughABrokerRestartAndAKill9() throws Exception {
        Path buffer = dir.resolve("gateway/outbox.db");
        // Broker persistence on: the IOC's persistent session (and what is queued for it) survives the restart,
        // as on a production broker; otherwise the test would measure its own subscriber's absence.
        try (Mosquitto broker = Mosquitto.custom(dir, "", "allow_anonymous true\npersistence true\n"
                + "persistence_location " + dir + "/\n", false);
                IocSubscriber ioc = new IocSubscriber(broker.url(), "ioc-chaos", "cityedge/v1/#", true, null, null)) {
            String prefix = "cityedge/v1/district-7/gw-chaos/";
            long durableBeforeKill;
            long restartedAt;
            try (Child first = new Child(buffer, broker.url(), 100, -1, 0)) {
                assertThat(ioc.await(r -> r.kind().equals("telemetry"), 200, WAIT)).as(first.output())
                        .hasSizeGreaterThanOrEqualTo(200);

                broker.stop();
                Thread.sleep(3_000); // the gateway polls on and buffers
                restartedAt = System.currentTimeMillis();
                broker.start();
                int seen = ioc.received().size();
                assertThat(ioc.await(r -> true, seen + 300, WAIT)).as(first.output()).hasSizeGreaterThanOrEqualTo(
                        seen + 300);

                first.kill9();
                durableBeforeKill = first.durable.get();
            }
            // The broker noticed the socket close and published the Will of the connection made after its restart.
            List<Received> will = ioc.await(r -> r.topic().equals(prefix + "state")
                    && r.json().path("reason").asText().equals("connection-lost")
                    && r.json().path("time").asLong() >= restartedAt, 1, WAIT);
            assertThat(will).hasSize(1);

            long drained;
            try (Child second = new Child(buffer, broker.url(), 100, 500, 1_000_000)) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
                while (second.drained.get() < 0 && System.nanoTime() < deadline && second.process.isAlive()) {
                    Thread.sleep(100);
                }
                drained = second.drained.get();
                assertThat(drained).as(second.output()).isGreaterThan(durableBeforeKill);
            }
            List<Received> stream = ioc.await(r -> !r.kind().equals("state") && r.seq() >= drained, 1, WAIT);
            assertThat(stream).isNotEmpty();
            Thread.sleep(500); // let the last in-flight deliveries land

            List<Received> all = ioc.received().stream().filter(r -> !r.kind().equals("state")).toList();
            Set<Long> distinct = new TreeSet<>();
            all.forEach(r -> distinct.add(r.seq()));
            List<Long> missing = new ArrayList<>();
            for (long s = 1; s <= drained; s++) {
                if (!distinct.contains(s)) {
                    missing.add(s);
                }
            }
            double duplicateRate = (all.size() - distinct.size()) / (double) distinct.size();
            System.out.printf("chaos: %d messages, %d distinct sequence numbers (1..%d), %d duplicates,"
                    + " duplicate rate %.4f; durable before kill -9: %d%n", all.size(), distinct.size(), drained,
                    all.size() - distinct.size(), duplicateRate, durableBeforeKill);
            assertThat(missing).as("sequence numbers never seen").isEmpty();
            assertThat(ioc.schemaErrors()).isEmpty();
        }
    }
}
