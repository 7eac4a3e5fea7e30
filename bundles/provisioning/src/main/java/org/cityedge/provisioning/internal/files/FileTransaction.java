package org.cityedge.provisioning.internal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes files one by one, keeping in memory what each held before, so that a failure part-way puts every file
 * back: the whole-or-nothing half of a change that spans several files.
 */
public final class FileTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(FileTransaction.class);

    /** What a file was before this transaction touched it: its bytes and mode, or null bytes when it did not exist. */
    private record Before(byte[] content, Set<PosixFilePermission> permissions) {
    }

    private final Map<Path, Before> touched = new LinkedHashMap<>();

    /** Writes a file atomically with the given mode. */
    public void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        remember(file);
        AtomicFiles.write(file, content, permissions);
    }

    /** Deletes a file (if present). */
    public void delete(Path file) throws IOException {
        remember(file);
        AtomicFiles.delete(file);
    }

    /** Files changed so far, in order. */
    public List<Path> files() {
        return List.copyOf(touched.keySet());
    }

    /** Puts every touched file back as it was, newest change first; a file that cannot be restored is logged. */
    public List<String> rollback() {
        List<String> failures = new ArrayList<>();
        List<Map.Entry<Path, Before>> entries = new ArrayList<>(touched.entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            Path file = entries.get(i).getKey();
            Before before = entries.get(i).getValue();
            try {
                if (before.content() == null) {
                    AtomicFiles.delete(file);
                } else {
                    AtomicFiles.write(file, before.content(), before.permissions());
                }
            } catch (IOException e) {
                failures.add(file + ": " + e);
                LOG.error("provisioning: cannot restore {}: {}", file, e.toString());
            }
        }
        touched.clear();
        return failures;
    }

    private void remember(Path file) throws IOException {
        Path key = file.toAbsolutePath();
        if (touched.containsKey(key)) {
            return;
        }
        if (Files.exists(key)) {
            Set<PosixFilePermission> mode;
            try {
                mode = Files.getPosixFilePermissions(key);
            } catch (UnsupportedOperationException noPosix) {
                mode = AtomicFiles.SECRET;
            }
            touched.put(key, new Before(Files.readAllBytes(key), mode));
        } else {
            touched.put(key, new Before(null, null));
        }
    }
}
