package org.cityedge.schedule.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the installed schedule in one file, {@code schedule.json}, replaced atomically: the new content is written
 * to a temporary file and forced to disk, then renamed over the old one and the directory forced, so after a power
 * cut the file holds either the old or the new schedule, whole. The highest version stored is also kept in
 * {@code schedule.floor}, so replays stay refused when {@code schedule.json} is found corrupt.
 */
public final class ScheduleStore {

    static final String FILE = "schedule.json";
    static final String FLOOR = "schedule.floor";
    private static final String TMP = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleStore.class);

    private final Path dir;

    public ScheduleStore(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    /** Writes {@code s} durably, replacing what was stored. */
    public void save(StoredSchedule s) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", 1);
        node.put("version", s.version());
        node.put("installedAt", s.installedAt().toString());
        node.put("document", s.document());
        if (s.envelope() == null) {
            node.putNull("envelope");
        } else {
            node.put("envelope", s.envelope());
        }
        replace(FILE, JSON.writeValueAsBytes(node));
    }

    /**
     * Records {@code version} as the replay floor; called after {@link #save}, so a floor never runs ahead of a
     * schedule that was not stored.
     */
    public void saveFloor(long version) throws IOException {
        replace(FLOOR, Long.toString(version).getBytes(StandardCharsets.US_ASCII));
    }

    /** The highest version ever stored, 0 if unknown (none stored, or the floor file unreadable). */
    public long floor() {
        Path file = dir.resolve(FLOOR);
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("schedule: cannot read the replay floor {}: {}", file, e.toString());
            return 0;
        }
    }

    private void replace(String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + TMP);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + dir + " cannot rename atomically", e);
        }
        forceDirectory();
    }

    /**
     * The stored schedule, if any. A leftover temporary file (a save cut short) is removed. A file that cannot be
     * read as a stored schedule is moved aside to {@code schedule.json.corrupt-EPOCHMS} and reported.
     */
    public Optional<StoredSchedule> load() throws CorruptStoreException, IOException {
        Files.deleteIfExists(dir.resolve(FILE + TMP));
        Files.deleteIfExists(dir.resolve(FLOOR + TMP));
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.path("version").canConvertToLong() || !node.path("document").isTextual()) {
                throw new IllegalArgumentException("version or document missing");
            }
            JsonNode envelope = node.path("envelope");
            Instant installedAt = Instant.parse(node.path("installedAt").asText());
            return Optional.of(new StoredSchedule(node.get("version").asLong(), node.get("document").asText(),
                    envelope.isTextual() ? envelope.asText() : null, installedAt));
        } catch (IOException | RuntimeException e) {
            Path aside = dir.resolve(FILE + ".corrupt-" + System.currentTimeMillis());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            throw new CorruptStoreException(file + " is not a stored schedule (" + e.getMessage() + "); moved to "
                    + aside.getFileName(), e);
        }
    }

    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for force; the rename is still atomic there.
        }
    }

    /** The stored file was unreadable and has been moved aside. */
    public static final class CorruptStoreException extends Exception {

        private static final long serialVersionUID = 1L;

        CorruptStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
