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

/**
 * Keeps the installed schedule in one file, {@code schedule.json}, replaced atomically: the new content is written
 * to a temporary file and forced to disk, then renamed over the old one and the directory forced, so after a power
 * cut the file holds either the old or the new schedule, whole.
 */
public final class ScheduleStore {

    static final String FILE = "schedule.json";
    private static final String TMP = FILE + ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public ScheduleStore(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    /** Writes {@code s} durably, replacing what was stored. */
    public void save(StoredSchedule s) throws IOException {
        Files.createDirectories(dir);
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
        Path tmp = dir.resolve(TMP);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(node));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        Files.deleteIfExists(dir.resolve(TMP));
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
