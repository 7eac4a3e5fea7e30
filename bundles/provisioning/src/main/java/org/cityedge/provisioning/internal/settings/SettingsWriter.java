package org.cityedge.provisioning.internal.settings;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.provisioning.internal.files.AtomicFiles;
import org.cityedge.provisioning.internal.files.FileTransaction;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checked settings: every PID's file first (kept restorable), then ConfigAdmin only once all files are in
 * place; a failure on the way puts the files and the PIDs already updated back.
 *
 * <p>ConfigAdmin gets exactly the properties FileInstall reads from the written file plus
 * {@code felix.fileinstall.filename} as FileInstall computes it (the file's absolute URI under the canonical
 * directory it scans), through {@code updateIfDifferent}: whichever of the two comes second finds an equal
 * configuration, so a component sees one update.
 */
final class SettingsWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsWriter.class);
    private static final String FILE_COMMENT = "Written by cityedge provisioning (FileInstall typed syntax).";

    private record Target(Path file, String key) {
    }

    private final ConfigurationAdmin admin;
    private final Path configDir;

    /** @param configDir the directory FileInstall watches, or null: ConfigAdmin only */
    SettingsWriter(ConfigurationAdmin admin, Path configDir) {
        this.admin = admin;
        this.configDir = configDir;
    }

    /**
     * @param after       each PID's complete new properties
     * @param before      each PID's stored properties (null when it has none), to find its file and to restore
     * @param holdsSecret whether a PID's file must be owner-only
     * @param files       records the files written, so that the caller can put them back later too
     */
    ChangeResult write(Map<String, Map<String, Object>> after, Map<String, Dictionary<String, Object>> before,
            Predicate<String> holdsSecret, boolean forceUpdate, FileTransaction files) {
        List<String> notes = new ArrayList<>();
        Map<String, Target> targets = new LinkedHashMap<>();
        if (configDir != null) {
            for (Map.Entry<String, Map<String, Object>> e : after.entrySet()) {
                String pid = e.getKey();
                try {
                    Target target = target(pid, before.get(pid));
                    byte[] text = CfgFormat.encode(e.getValue(), FILE_COMMENT).getBytes(StandardCharsets.ISO_8859_1);
                    files.write(target.file(), text, holdsSecret.test(pid) ? AtomicFiles.SECRET : AtomicFiles.PUBLIC);
                    targets.put(pid, target);
                    notes.add(pid + ": saved in " + target.file());
                } catch (IOException | RuntimeException ex) {
                    files.rollback();
                    return ChangeResult.refused(pid, "cannot write its configuration file: " + ex);
                }
            }
        } else {
            notes.add("no configuration directory is set (felix.fileinstall.dir): " + String.join(", ",
                    after.keySet()) + " changed in ConfigAdmin only, no file written");
        }
        List<String> updated = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : after.entrySet()) {
            String pid = e.getKey();
            Hashtable<String, Object> properties = new Hashtable<>(e.getValue());
            if (targets.containsKey(pid)) {
                properties.put(MetatypeCheck.FILE_PROPERTY, targets.get(pid).key());
            }
            try {
                Configuration configuration = admin.getConfiguration(pid, "?");
                if (forceUpdate) {
                    configuration.update(properties);
                } else if (!configuration.updateIfDifferent(properties)) {
                    notes.add(pid + ": no change");
                }
                updated.add(pid);
            } catch (IOException | RuntimeException ex) {
                files.rollback();
                restore(updated, before);
                return ChangeResult.refused(pid, "ConfigAdmin refused the change: " + ex);
            }
        }
        return ChangeResult.applied(notes);
    }

    /**
     * Puts updated PIDs back in ConfigAdmin (a later PID or a later step of the same change failed).
     *
     * @return one line per PID that could not be put back (each also logged)
     */
    List<String> restore(Collection<String> pids, Map<String, Dictionary<String, Object>> before) {
        List<String> failures = new ArrayList<>();
        for (String pid : pids) {
            try {
                Configuration configuration = admin.getConfiguration(pid, "?");
                if (before.get(pid) == null) {
                    configuration.delete();
                } else {
                    configuration.update(before.get(pid));
                }
            } catch (IOException | RuntimeException e) {
                failures.add(pid + ": " + e);
                LOG.error("provisioning: cannot restore {} in ConfigAdmin: {}", pid, e.toString());
            }
        }
        return failures;
    }

    /**
     * The file of a PID: the one FileInstall already loaded it from when that file is in the directory (it may be a
     * {@code .config}; FileInstall 3.7.4 reads both the same way), else {@code <dir>/<pid>.cfg}. FileInstall scans
     * the canonical directory, so the key is computed from it.
     */
    private Target target(String pid, Dictionary<String, Object> before) throws IOException {
        Files.createDirectories(configDir);
        File dir = configDir.toFile().getCanonicalFile();
        Object existing = before == null ? null : before.get(MetatypeCheck.FILE_PROPERTY);
        if (existing instanceof String key) {
            try {
                File file = new File(URI.create(key));
                if (dir.equals(file.getParentFile())) {
                    return new Target(file.toPath(), key);
                }
            } catch (IllegalArgumentException notAFileUri) {
                // written by something else: use our own file
            }
        }
        File file = new File(dir, pid + ".cfg");
        return new Target(file.toPath(), file.getAbsoluteFile().toURI().toString());
    }
}
