package org.cityedge.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptStoreTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-03T10:15:00Z"), ZoneOffset.UTC);

    @Test
    void aFileThatIsNotADatabaseIsMovedAsideAndAFreshOneStarts() throws Exception {
        Path file = dir.resolve("outbox.db");
        byte[] garbage = "this was never a database ".repeat(400).getBytes(StandardCharsets.US_ASCII);
        Files.write(file, garbage);

        try (DurableOutbox outbox = DurableOutbox.open(BufferSettings.defaults(file).withCommitInterval(1), clock)) {
            assertThat(outbox.status().corruptFilesMovedAside()).isEqualTo(1);
            Path aside = dir.resolve("outbox.db.corrupt-20261103T101500Z");
            assertThat(aside).exists();
            assertThat(Files.readAllBytes(aside)).isEqualTo(garbage); // kept for whoever wants to look, not emptied
            outbox.offer(DurableOutboxTest.telemetry(1));
            assertThat(outbox.flush().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseWithDamagedPagesIsMovedAside() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (DurableOutbox outbox = DurableOutbox.open(BufferSettings.defaults(file).withCommitInterval(1))) {
            for (int i = 0; i < 3000; i++) {
                outbox.offer(DurableOutboxTest.telemetry(i));
            }
            outbox.checkpoint();
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(8 * 4096);
        for (int i = 4096; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31); // every page after the header page is damaged
        }
        Files.write(file, bytes);

        try (DurableOutbox outbox = DurableOutbox.open(BufferSettings.defaults(file).withCommitInterval(1), clock)) {
            assertThat(outbox.status().corruptFilesMovedAside()).isEqualTo(1);
            assertThat(outbox.status().depth()).isZero();
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).anyMatch(n -> n.startsWith("outbox.db.corrupt-"));
            }
        }
    }

    @Test
    void aHealthyFileIsNeverMovedAside() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (DurableOutbox outbox = DurableOutbox.open(BufferSettings.defaults(file))) {
            outbox.offer(DurableOutboxTest.telemetry(1));
        }
        try (DurableOutbox outbox = DurableOutbox.open(BufferSettings.defaults(file))) {
            assertThat(outbox.status().corruptFilesMovedAside()).isZero();
            assertThat(outbox.status().depth()).isEqualTo(1);
        }
    }
}
