package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real process through what a cabinet lives through: the broker goes away for a few seconds and comes back
 * (same port, same persistence), later the gateway is killed -9 mid-stream and started again on the same state
 * directory. The IOC must get every sequence number from the first to the last at least once.
 */
class ChaosTest {

    private static final Duration OUTAGE = Duration.ofSeconds(4);
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);
    /** Sequenced messages to see published live in each phase before disturbing the next one. */
    private static final int PER_PHASE = 40;

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path(Sites.SAIGON_D1)).isolated();

    @Test
    void theIocGetsEverySequenceNumberThroughABrokerRestartAndAKill9() throws IOException {
        try (TestBed bed = TestBed.start("chaos", Sites.read(SIM.siteFile()))) {
            IocSubscriber ioc = bed.ioc();
            awaitSequencedAbove(bed, 0, "telemetry flowing before any chaos");

            // 1. The broker goes away while the gateway polls; it buffers, reconnects and drains.
            long beforeOutage = maxSeq(ioc.messages());
            bed.broker().stop();
            Bounded.sleep(OUTAGE);
            bed.broker().start();
            awaitSequencedAbove(bed, beforeOutage, "telemetry flowing again after the broker restart");

            // 2. kill -9 mid-stream: the broker publishes the Will; the restarted gateway goes on numbering.
            long killedAt = System.currentTimeMillis();
            long killedNanos = System.nanoTime();
            bed.gateway().kill();
            Predicate<IocMessage> will = m -> m.is("state") && m.arrivedNanos() > killedNanos
                    && "offline".equals(m.json().path("status").asText());
            Bounded.await("the Will (offline state) after kill -9", PHASE_LIMIT,
                    () -> !ioc.messages(will).isEmpty(), bed::diagnostics);
            long restartedAt = System.currentTimeMillis();
            bed.gateway().start().awaitReady();
            long beforeRestart = maxSeq(ioc.messages());
            awaitSequencedAbove(bed, beforeRestart, "telemetry from the restarted gateway");

            // 3. Let the backlog drain, then account for every number.
            Bounded.poll(PHASE_LIMIT, () -> SequenceReport.of(ioc.messages()).missing().isEmpty());
            List<IocMessage> received = ioc.messages();
            SequenceReport report = SequenceReport.of(received);
            System.out.println("e2e chaos: " + report.summary());

            assertThat(report.first()).as("the first number of a fresh gateway arrived").isEqualTo(1);
            assertThat(report.missing()).as("sequence numbers the IOC never got: " + report.missingSample() + "\n"
                    + bed.diagnostics()).isEmpty();
            assertThat(ioc.schemaProblems()).isEmpty();

            IocMessage theWill = ioc.messages(will).get(0);
            assertThat(theWill.json().path("reason").asText()).isEqualTo("connection-lost");
            assertThat(theWill.json().path("gatewayId").asText()).isEqualTo("e2e-gw-01");

            long lastOfKilledProcess = received.stream().filter(m -> m.sequenced() && time(m) <= killedAt)
                    .mapToLong(IocMessage::seq).max().orElseThrow();
            long firstOfRestartedProcess = received.stream().filter(m -> m.sequenced() && time(m) >= restartedAt)
                    .mapToLong(IocMessage::seq).min().orElseThrow();
            assertThat(firstOfRestartedProcess).as("the restarted gateway numbers above everything made before the"
                    + " kill").isGreaterThan(lastOfKilledProcess);

            assertThat(received.stream().filter(m -> m.is("state") && m.arrivedNanos() > killedNanos
                    && "online".equals(m.json().path("status").asText())
                    && m.json().path("startedAt").asLong() >= restartedAt))
                    .as("a new birth from the restarted gateway").isNotEmpty();
        }
    }

    private static void awaitSequencedAbove(TestBed bed, long seq, String what) {
        Bounded.await(what + " (" + PER_PHASE + " messages above seq " + seq + ")", PHASE_LIMIT,
                () -> bed.ioc().messages(m -> m.sequenced() && m.seq() > seq).size() >= PER_PHASE,
                bed::diagnostics);
    }

    private static long maxSeq(List<IocMessage> received) {
        return received.stream().filter(IocMessage::sequenced).mapToLong(IocMessage::seq).max().orElse(0);
    }

    private static long time(IocMessage m) {
        return m.json().path("time").asLong();
    }
}
