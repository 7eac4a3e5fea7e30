package org.cityedge.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaTest {

    @TempDir
    Path dir;

    private final Random random = new Random(42);

    /** About 1 KB that does not compress, so the quota is reached after a known number of messages. */
    private OutboundMessage message(MessageKind kind, int i) {
        StringBuilder noise = new StringBuilder();
        for (int k = 0; k < 1000; k++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        return OutboundMessage.of(kind, kind.name().toLowerCase() + "/dev", "{\"n\":" + i + ",\"x\":\"" + noise + "\"}",
                i);
    }

    @Test
    void oldestTelemetryGoesFirstAlarmsStayAndEveryDropIsCounted() throws Exception {
        long quota = 100 * 1024;
        BufferSettings settings = BufferSettings.defaults(dir.resolve("outbox.db")).withQuota(quota)
                .withCommitInterval(1);
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            for (int i = 0; i < 20; i++) {
                outbox.offer(message(MessageKind.EVENT, i));
            }
            for (int i = 0; i < 20; i++) {
                outbox.offer(message(MessageKind.HEALTH, i));
            }
            for (int i = 0; i < 300; i++) {
                outbox.offer(message(MessageKind.TELEMETRY, i));
            }
            outbox.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

            BufferStatus status = outbox.status();
            assertThat(status.bytes()).isLessThanOrEqualTo(quota);
            assertThat(status.droppedByQuota().get(MessageKind.TELEMETRY)).isPositive();
            assertThat(status.droppedByQuota().get(MessageKind.EVENT)).isZero();
            assertThat(status.droppedByQuota().get(MessageKind.HEALTH)).isZero();
            assertThat(status.depth() + status.droppedTotal()).isEqualTo(340);

            List<BufferedMessage> left = outbox.lease(1000, 0);
            assertThat(left.stream().filter(m -> m.message().kind() == MessageKind.EVENT)).hasSize(20);
            List<Long> telemetrySeqs = left.stream().filter(m -> m.message().kind() == MessageKind.TELEMETRY)
                    .map(BufferedMessage::seq).sorted().toList();
            // What is left of the telemetry is the newest, without holes: the oldest went first.
            assertThat(telemetrySeqs).isNotEmpty();
            assertThat(telemetrySeqs.get(telemetrySeqs.size() - 1)).isEqualTo(340);
            assertThat(telemetrySeqs.get(telemetrySeqs.size() - 1) - telemetrySeqs.get(0) + 1)
                    .isEqualTo(telemetrySeqs.size());
        }
    }

    @Test
    void whenOnlyAlarmsAreLeftTheOldestAlarmsGo() throws Exception {
        long quota = 64 * 1024;
        BufferSettings settings = BufferSettings.defaults(dir.resolve("outbox.db")).withQuota(quota)
                .withCommitInterval(1);
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            for (int i = 0; i < 100; i++) {
                outbox.offer(message(MessageKind.EVENT, i));
            }
            outbox.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
            BufferStatus status = outbox.status();
            assertThat(status.bytes()).isLessThanOrEqualTo(quota);
            assertThat(status.droppedByQuota().get(MessageKind.EVENT)).isEqualTo(100 - status.depth());
            assertThat(outbox.lease(1000, 0).get(0).seq()).isEqualTo(100 - status.depth() + 1);
        }
    }
}
