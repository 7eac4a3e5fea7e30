package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.uplink.LinkState;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.buffer.BufferSettings;
import org.cityedge.buffer.DurableOutbox;
import org.cityedge.uplink.mqtt.IocSubscriber.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path against a real Mosquitto: samples in, schema-valid messages out, in order, with the birth. */
class PlainBrokerTest {

    static final long WAIT = 60_000;

    @TempDir
    Path dir;

    private Mosquitto broker;
    private DurableOutbox outbox;
    private UplinkEngine engine;
    private IocSubscriber ioc;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.plain(dir);
        ioc = IocSubscriber.open(broker.url(), "cityedge/v1/+/+/#");
        outbox = DurableOutbox.open(BufferSettings.defaults(dir.resolve("buffer/outbox.db")).withCommitInterval(10));
        engine = new UplinkEngine(outbox, new FixedFacts("district-7", "gw-0001", 3));
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (ioc != null) {
            ioc.close();
        }
        broker.close();
    }

    static UplinkSettings settings(String url) {
        return UplinkSettings.defaults(url).withTiming(10, 3600, 200, 2_000);
    }

    static void awaitState(UplinkEngine engine, LinkState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (engine.status().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.status().state()).as("link state; problem: %s", engine.status().problem()).isEqualTo(state);
    }

    @Test
    void telemetryEventsAndHealthArriveValidInOrderAndTheBirthIsRetained() throws Exception {
        engine.start(settings(broker.url()));
        awaitState(engine, LinkState.CONNECTED);

        long t0 = System.currentTimeMillis();
        for (int n = 0; n < 40; n++) {
            for (int d = 0; d < 3; d++) {
                engine.accept(SyntheticPolls.poll(FixedFacts.device(d), 20, n, t0 + n * 1000L));
            }
        }
        outbox.offer(OutboundMessage.of(MessageKind.EVENT, "event/lamp-1", "{\"time\":" + t0
                + ",\"device\":\"lamp-1\",\"event\":\"lampFailure\",\"state\":\"raised\",\"severity\":\"major\","
                + "\"reason\":\"lamp current 0 A while on\",\"point\":\"current\",\"value\":0}", t0));
        engine.reportHealth();

        String prefix = "cityedge/v1/district-7/gw-0001/";
        List<Received> telemetry = ioc.await(r -> r.topic().startsWith(prefix + "telemetry/"), 120, WAIT);
        List<Received> events = ioc.await(r -> r.topic().equals(prefix + "event/lamp-1"), 1, WAIT);
        List<Received> health = ioc.await(r -> r.topic().equals(prefix + "health"), 1, WAIT);
        assertThat(telemetry).hasSize(120);
        assertThat(events).hasSize(1);
        assertThat(health).hasSize(1);
        assertThat(ioc.schemaErrors()).isEmpty();

        // One poll of a device is one message, its points keyed by canonical name.
        Received first = telemetry.get(0);
        assertThat(first.topic()).isEqualTo(prefix + "telemetry/lamp-0");
        assertThat(first.json().path("gatewayId").asText()).isEqualTo("gw-0001");
        assertThat(first.json().path("readings").get(0).path("points").path("activePower").path("unit").asText())
                .isEqualTo("W");
        // Telemetry arrives with growing sequence numbers; all numbers of the stream are there, once each.
        List<Long> telemetrySeqs = telemetry.stream().map(Received::seq).toList();
        assertThat(telemetrySeqs).isSorted().doesNotHaveDuplicates();
        List<Long> all = ioc.received().stream().filter(r -> !r.kind().equals("state")).map(Received::seq).sorted()
                .toList();
        assertThat(all).hasSize(122).first().isEqualTo(1L);
        assertThat(all.get(all.size() - 1)).isEqualTo(122L);
        assertThat(all).doesNotHaveDuplicates();

        // The birth is retained: an IOC service that connects later still learns the gateway is online.
        try (IocSubscriber late = IocSubscriber.open(broker.url(), prefix + "state")) {
            Received birth = late.await(r -> true, 1, WAIT).get(0);
            assertThat(birth.retained()).isTrue();
            assertThat(birth.json().path("status").asText()).isEqualTo("online");
            assertThat(birth.json().path("devices")).hasSize(3);
            assertThat(late.schemaErrors()).isEmpty();
        }

        // Everything acknowledged leaves the buffer.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (outbox.status().depth() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(outbox.status().depth()).isZero();
        assertThat(engine.status().published()).isEqualTo(122);
    }

    @Test
    void aConfigurationChangeReconnectsWithoutTouchingTheBuffer() throws Exception {
        engine.start(settings(broker.url()));
        awaitState(engine, LinkState.CONNECTED);
        for (int n = 0; n < 10; n++) {
            engine.accept(SyntheticPolls.poll("lamp-0", 5, n, 1_000 + n));
        }
        ioc.await(r -> r.kind().equals("telemetry"), 10, WAIT);
        long seqBefore = outbox.lastSequence();

        engine.reconfigure(settings(broker.url()).withTiming(15, 3600, 200, 2_000)); // keep-alive: a new connection
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (engine.status().connects() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.status().connects()).isEqualTo(2);
        assertThat(outbox.lastSequence()).isEqualTo(seqBefore);
        for (int n = 10; n < 20; n++) {
            engine.accept(SyntheticPolls.poll("lamp-0", 5, n, 1_000 + n));
        }
        List<Received> telemetry = ioc.await(r -> r.kind().equals("telemetry"), 20, WAIT);
        assertThat(telemetry.stream().map(Received::seq).distinct()).hasSize(20);
        assertThat(telemetry.get(19).seq()).isEqualTo(seqBefore + 10);
        // The clean reconnect said so on the state topic: offline (reconfigured), then online.
        List<String> states = ioc.received().stream().filter(r -> r.kind().equals("state"))
                .map(r -> r.json().path("status").asText() + ":" + r.json().path("reason").asText("")).toList();
        assertThat(states).containsSubsequence("online:", "offline:reconfigured", "online:");
        assertThat(ioc.schemaErrors()).isEmpty();
    }
}
