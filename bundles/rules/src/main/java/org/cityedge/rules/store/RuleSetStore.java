package org.cityedge.rules.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rule sets on disk, one file a version: {@code ruleset-v{N}.json} holding the document (exactly as signed), its
 * SHA-256, the envelope it came in and when it was installed. A file is written to a temporary name, forced to
 * disk and moved into place atomically (then the directory is forced), so a power cut leaves the old file or the
 * new one, never half of one. The newest readable file is the running set; the one below it is kept for rollback;
 * older ones are deleted. A version that must not run again (rolled back, failing verification, unreadable) is
 * renamed {@code ruleset-v{N}.{reason}.json}: it no longer loads, but still counts for the highest version seen,
 * so it cannot be replayed.
 */
public final class RuleSetStore {

    private static final Pattern NAME = Pattern.compile("ruleset-v(\\d+)(?:\\.([a-z-]+))?\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public RuleSetStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a version durably. */
    public synchronized void save(StoredRuleSet set) throws IOException {
        Files.createDirectories(dir);
        ObjectNode node = JSON.createObjectNode();
        node.put("version", set.version());
        node.put("installedAt", set.installedAt());
        node.put("sha256", sha256(set.document()));
        node.put("document", set.document());
        if (set.envelope() == null) {
            node.putNull("envelope");
        } else {
            node.put("envelope", set.envelope());
        }
        Path target = file(set.version(), null);
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(node));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        move(tmp, target);
    }

    /** Reads a version; fails when the file is unreadable or its document does not match its checksum. */
    public synchronized StoredRuleSet read(long version) throws IOException {
        Path path = file(version, null);
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(path.getFileName() + " is not readable JSON: " + e.getMessage(), e);
        }
        JsonNode document = node == null ? null : node.get("document");
        if (document == null || !document.isTextual() || node.path("version").asLong(-1) != version) {
            throw new IOException(path.getFileName() + " is not a stored rule set");
        }
        if (!sha256(document.asText()).equals(node.path("sha256").asText())) {
            throw new IOException(path.getFileName() + " is corrupt: its document does not match its SHA-256");
        }
        JsonNode envelope = node.get("envelope");
        return new StoredRuleSet(version, node.path("installedAt").asLong(), document.asText(),
                envelope == null || envelope.isNull() ? null : envelope.asText());
    }

    /** Versions that may run, newest first. */
    public synchronized List<Long> versions() throws IOException {
        List<Long> out = new ArrayList<>();
        for (Entry e : entries()) {
            if (e.reason == null) {
                out.add(e.version);
            }
        }
        out.sort((a, b) -> Long.compare(b, a));
        return out;
    }

    /** The highest version ever stored, set-aside ones included; 0 when none. */
    public synchronized long highestVersion() throws IOException {
        return entries().stream().mapToLong(Entry::version).max().orElse(0);
    }

    /** Renames a version so it never loads again, e.g. {@code rolled-back}. */
    public synchronized void setAside(long version, String reason) throws IOException {
        Path from = file(version, null);
        if (Files.exists(from)) {
            move(from, file(version, reason));
        }
    }

    /** Deletes a version that never became active (its activation failed). */
    public synchronized void discard(long version) throws IOException {
        Files.deleteIfExists(file(version, null));
    }

    /** Deletes every runnable version but {@code keep}, and every set-aside one but the highest. */
    public synchronized void prune(Collection<Long> keep) throws IOException {
        long highestAside = entries().stream().filter(e -> e.reason != null).mapToLong(Entry::version).max()
                .orElse(-1);
        for (Entry e : entries()) {
            boolean wanted = e.reason == null ? keep.contains(e.version) : e.version == highestAside;
            if (!wanted) {
                Files.deleteIfExists(e.path);
            }
        }
    }

    private record Entry(long version, String reason, Path path) {
    }

    private List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "ruleset-v*.json")) {
            for (Path p : files) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    try {
                        out.add(new Entry(Long.parseLong(m.group(1)), m.group(2), p));
                    } catch (NumberFormatException e) {
                        // a name with a number too long to be a version: not ours
                    }
                }
            }
        }
        return out;
    }

    private Path file(long version, String reason) {
        return dir.resolve("ruleset-v" + version + (reason == null ? "" : "." + reason) + ".json");
    }

    private void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
    }

    /** Makes the rename itself durable (Linux: fsync of the directory); not possible everywhere, then skipped. */
    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // e.g. Windows cannot open a directory; the file itself was forced before the move
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
