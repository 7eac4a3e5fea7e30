package org.cityedge.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Moves a corrupt store aside so a fresh one can start, keeping the damaged file (and its write-ahead log) for
 * whoever wants to recover from it: {@code outbox.db} becomes {@code outbox.db.corrupt-20261103T101500Z}.
 */
final class CorruptStoreQuarantine {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    CorruptStoreQuarantine(Clock clock) {
        this.clock = clock;
    }

    /** Renames the store and its WAL; drops the shared-memory index, which SQLite rebuilds. Returns the new name. */
    Path moveAside(Path file) throws IOException {
        String stamp = STAMP.format(clock.instant());
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        for (int i = 1; Files.exists(target); i++) {
            target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + i);
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        if (Files.exists(wal)) {
            Files.move(wal, target.resolveSibling(target.getFileName() + "-wal"), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
        return target;
    }
}
