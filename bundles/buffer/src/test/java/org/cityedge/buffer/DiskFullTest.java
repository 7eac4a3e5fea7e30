package org.cityedge.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, driven through SQLite's own ceiling ({@code max_page_count}): the commit fails with SQLITE_FULL
 * exactly as when the file system is out of space, on every machine, without root or a small mount.
 */
class DiskFullTest {

    private static final long QUOTA = 4L << 20; // far above what the capped file holds: the disk is the limit
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    private final Random random = new Random(7);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        System.setErr(originalErr);
    }

    @Test
    void oldestTelemetryMakesRoomAlarmsStayOneLogLineAndWritesRecoverWhenSpaceReturns() throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir.resolve("outbox.db")).withQuota(QUOTA)
                .withCommitInterval(2);
        SpareSpace spare = SpareSpace.beside(settings.file(), QUOTA);
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            assertThat(spare.file()).hasSize(spare.bytes());
            outbox.capStorePages(150); // 600 KB
            int offered = 0;
            for (int i = 0; i < 30; i++, offered++) {
                assertThat(outbox.offer(message(MessageKind.EVENT, offered))).isTrue();
            }
            for (int round = 0; round < 10; round++) { // 2 MB of telemetry into 600 KB
                for (int i = 0; i < 200; i++, offered++) {
                    assertThat(outbox.offer(message(MessageKind.TELEMETRY, offered))).isTrue();
                }
                outbox.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }

            BufferStatus full = outbox.status();
            assertThat(full.problem()).startsWith("disk full");
            assertThat(full.droppedByQuota().get(MessageKind.TELEMETRY)).isPositive();
            assertThat(full.droppedByQuota().get(MessageKind.EVENT)).isZero();
            assertThat(full.droppedQueueFull()).isZero(); // the writer kept up: offers never had to be refused
            assertThat(full.droppedWriteFailed()).isZero();
            assertThat(full.depth() + full.droppedTotal()).isEqualTo(offered);
            assertThat(full.lastSequence()).isEqualTo(offered); // every message numbered once, none twice
            assertThat(spare.file()).doesNotExist(); // given back to make room
            List<BufferedMessage> held = outbox.lease(10_000, 0);
            assertThat(held.stream().filter(m -> m.message().kind() == MessageKind.EVENT)).hasSize(30);
            List<Long> telemetry = held.stream().filter(m -> m.message().kind() == MessageKind.TELEMETRY)
                    .map(BufferedMessage::seq).sorted().toList();
            assertThat(telemetry.get(telemetry.size() - 1)).isEqualTo(offered); // the newest stays
            assertThat(telemetry.get(telemetry.size() - 1) - telemetry.get(0) + 1).isEqualTo(telemetry.size());
            assertThat(logLines("disk full writing")).hasSize(1);

            outbox.capStorePages(100_000); // space returns
            waitFor(() -> outbox.status().problem() == null);
            assertThat(logLines("room again")).hasSize(1);
            assertThat(spare.file()).hasSize(spare.bytes());
            long droppedBefore = outbox.status().droppedTotal();
            for (int i = 0; i < 600; i++, offered++) {
                outbox.offer(message(MessageKind.TELEMETRY, offered));
            }
            assertThat(outbox.flush().toCompletableFuture().get(60, TimeUnit.SECONDS)).isEqualTo(offered);
            BufferStatus after = outbox.status();
            assertThat(after.droppedTotal()).isEqualTo(droppedBefore);
            assertThat(after.depth()).isEqualTo(full.depth() + 600);
            assertThat(after.problem()).isNull();
        }
        assertThat(logLines("disk full writing")).hasSize(1);
    }

    @Test
    void whenNothingCanBeDroppedNewMessagesWaitOffersAreRefusedAndCountedThenWritten() throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir.resolve("outbox.db")).withQuota(QUOTA)
                .withQueueCapacity(100).withCommitInterval(2);
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            outbox.capStorePages(1); // SQLite keeps the file at the pages it has: a message needing a new page fails
            int offered = 0;
            int refused = 0;
            while (refused == 0 && offered < 10_000) { // the writer holds at most a batch, the queue 100
                if (!outbox.offer(message(MessageKind.EVENT, offered++, 20_000))) {
                    refused++;
                }
            }
            assertThat(refused).isPositive();
            waitFor(() -> outbox.status().problem() != null && outbox.status().problem().contains("cannot write"));
            for (int i = 0; i < 50; i++, offered++) { // offers keep returning at once, refused and counted
                if (!outbox.offer(message(MessageKind.EVENT, offered, 20_000))) {
                    refused++;
                }
            }
            assertThat(outbox.status().droppedQueueFull()).isEqualTo(refused);
            assertThat(logLines("does not make room")).hasSize(1);

            outbox.capStorePages(100_000);
            long last = outbox.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(last).isEqualTo(offered - refused); // everything accepted was written, numbered once
            BufferStatus status = outbox.status();
            assertThat(status.depth()).isEqualTo(offered - refused);
            assertThat(status.droppedByQuota().get(MessageKind.EVENT)).isZero();
            assertThat(status.droppedQueueFull()).isEqualTo(refused);
            assertThat(status.droppedWriteFailed()).isZero();
            waitFor(() -> outbox.status().problem() == null);
        }
    }

    @Test
    void theSpareIsPutBackAtTheNextStartWhenItWasMissing() throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir.resolve("outbox.db")).withQuota(QUOTA);
        SpareSpace spare = SpareSpace.beside(settings.file(), QUOTA);
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            assertThat(spare.release()).isTrue();
        }
        Files.write(spare.file(), new byte[10]); // a start cut short while writing it
        try (DurableOutbox outbox = DurableOutbox.open(settings)) {
            assertThat(spare.file()).hasSize(QUOTA / 8);
        }
    }

    /** About 1 KB that does not compress, so pages fill at a known pace. */
    private OutboundMessage message(MessageKind kind, int i) {
        return message(kind, i, 1000);
    }

    private OutboundMessage message(MessageKind kind, int i, int size) {
        StringBuilder noise = new StringBuilder(size);
        for (int k = 0; k < size; k++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        return OutboundMessage.of(kind, kind.name().toLowerCase() + "/dev", "{\"n\":" + i + ",\"x\":\"" + noise + "\"}",
                i);
    }

    private List<String> logLines(String containing) {
        String text = log.toString(StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.contains(containing) && l.contains(dir.toString())).toList();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) { // 30 s at most
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    /** Writes to both: the test's log stays visible in the build output. */
    private static final class Tee extends OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream copy;

        Tee(PrintStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int c) {
            console.write(c);
            copy.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) {
            console.write(buf, off, len);
            copy.write(buf, off, len);
        }
    }
}
