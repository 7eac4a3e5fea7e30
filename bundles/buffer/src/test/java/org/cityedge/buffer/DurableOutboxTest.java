package org.cityedge.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableOutboxTest {

    @TempDir
    Path dir;

    static OutboundMessage telemetry(int i) {
        return OutboundMessage.of(MessageKind.TELEMETRY, "telemetry/dev-" + (i % 3),
                "{\"time\":" + (1_700_000_000_000L + i) + ",\"device\":\"dev\",\"readings\":[{\"time\":1,\"points\":"
                        + "{\"activePower\":{\"value\":" + i + ".5,\"unit\":\"W\",\"quality\":\"GOOD\"}}}]}",
                1_700_000_000_000L + i);
    }

    static OutboundMessage event(int i) {
        return OutboundMessage.of(MessageKind.EVENT, "event/dev-1",
                "{\"time\":1,\"device\":\"dev-1\",\"event\":\"lampFailure\",\"state\":\"raised\",\"n\":" + i + "}",
                1_700_000_000_000L + i);
    }

    private DurableOutbox open() throws Exception {
        return DurableOutbox.open(BufferSettings.defaults(dir.resolve("outbox.db")).withCommitInterval(5));
    }

    private static long flush(DurableOutbox outbox) throws Exception {
        return outbox.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static List<Long> seqs(List<BufferedMessage> messages) {
        return messages.stream().map(BufferedMessage::seq).toList();
    }

    @Test
    void sequenceNumbersGrowAcrossRestartsEvenWhenEmptied() throws Exception {
        try (DurableOutbox outbox = open()) {
            for (int i = 0; i < 10; i++) {
                assertThat(outbox.offer(telemetry(i))).isTrue();
            }
            assertThat(flush(outbox)).isEqualTo(10);
            List<BufferedMessage> leased = outbox.lease(100, 0);
            assertThat(seqs(leased)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            leased.forEach(m -> outbox.acknowledge(m.seq()));
        }
        try (DurableOutbox outbox = open()) {
            assertThat(outbox.status().depth()).isZero();
            assertThat(outbox.lastSequence()).isEqualTo(10);
            outbox.offer(telemetry(11));
            assertThat(flush(outbox)).isEqualTo(11);
        }
    }

    @Test
    void unacknowledgedMessagesSurviveARestartIntact() throws Exception {
        List<BufferedMessage> before;
        try (DurableOutbox outbox = open()) {
            for (int i = 0; i < 5; i++) {
                outbox.offer(telemetry(i));
            }
            flush(outbox);
            before = outbox.lease(10, 0);
            outbox.acknowledge(1);
            outbox.acknowledge(3);
        }
        try (DurableOutbox outbox = open()) {
            assertThat(outbox.status().depth()).isEqualTo(3);
            List<BufferedMessage> after = outbox.lease(10, 0);
            assertThat(after).containsExactly(before.get(1), before.get(3), before.get(4));
        }
    }

    @Test
    void alarmsGoBeforeTelemetry() throws Exception {
        try (DurableOutbox outbox = open()) {
            for (int i = 0; i < 5; i++) {
                outbox.offer(telemetry(i));
            }
            outbox.offer(event(1));
            flush(outbox);
            List<BufferedMessage> leased = outbox.lease(10, 0);
            assertThat(leased.get(0).message().kind()).isEqualTo(MessageKind.EVENT);
            assertThat(leased.get(0).seq()).isEqualTo(6);
            assertThat(leased).hasSize(6);
        }
    }

    @Test
    void liveDataIsInterleavedWithTheBacklog() throws Exception {
        try (DurableOutbox outbox = open()) {
            for (int i = 0; i < 10; i++) {
                outbox.offer(telemetry(i));
            }
            flush(outbox);
            outbox.rewind(); // as after a reconnection: seq 1..10 are the backlog
            for (int i = 10; i < 20; i++) {
                outbox.offer(telemetry(i));
            }
            flush(outbox);
            assertThat(seqs(outbox.lease(4, 0))).containsExactly(11L, 1L, 12L, 2L);
            assertThat(seqs(outbox.lease(4, 0))).containsExactly(13L, 3L, 14L, 4L);
        }
    }

    @Test
    void rewindSendsAgainWhatWasNotAcknowledged() throws Exception {
        try (DurableOutbox outbox = open()) {
            for (int i = 0; i < 6; i++) {
                outbox.offer(telemetry(i));
            }
            flush(outbox);
            List<BufferedMessage> first = outbox.lease(6, 0);
            assertThat(outbox.lease(6, 0)).isEmpty();
            outbox.acknowledge(first.get(0).seq());
            outbox.acknowledge(first.get(2).seq());
            outbox.rewind();
            assertThat(seqs(outbox.lease(10, 0))).containsExactlyInAnyOrder(2L, 4L, 5L, 6L);
        }
    }

    @Test
    void leaseWaitsForTheNextDurableMessage() throws Exception {
        try (DurableOutbox outbox = open()) {
            Thread producer = new Thread(() -> {
                sleep(200);
                outbox.offer(telemetry(1));
            });
            producer.start();
            List<BufferedMessage> leased = outbox.lease(10, 20_000);
            producer.join(20_000);
            assertThat(seqs(leased)).containsExactly(1L);
        }
    }

    @Test
    void aFullQueueDropsAndCountsButNeverBlocks() throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir.resolve("outbox.db")).withQueueCapacity(4)
                .withCommitInterval(200);
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 2_000; i++) {
                if (outbox.offer(telemetry(i))) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            long last = flush(outbox);
            assertThat(refused).isPositive();
            assertThat(outbox.status().droppedQueueFull()).isEqualTo(refused);
            assertThat(last).isEqualTo(accepted);
            assertThat(outbox.status().depth()).isEqualTo(accepted);
        }
    }

    @Test
    void acknowledgedMessagesAreDeletedAndCounted() throws Exception {
        try (DurableOutbox outbox = open()) {
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                outbox.offer(telemetry(i));
            }
            flush(outbox);
            long bytesFull = outbox.status().bytes();
            outbox.lease(50, 0).forEach(m -> all.add(m.seq()));
            all.subList(0, 25).forEach(outbox::acknowledge);
            outbox.offer(telemetry(99)); // the writer deletes acknowledgements with the next group
            flush(outbox);
            assertThat(outbox.status().depth()).isEqualTo(26);
            assertThat(outbox.status().bytes()).isLessThan(bytesFull);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
