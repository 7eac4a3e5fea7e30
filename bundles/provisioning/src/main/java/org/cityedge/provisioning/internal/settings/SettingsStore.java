package org.cityedge.provisioning.internal.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.provisioning.internal.files.FileDirectories;
import org.cityedge.provisioning.internal.files.FileTransaction;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Component settings: read (Metatype defaults overlaid with ConfigAdmin), checked against Metatype and
 * {@link SettingRules} before anything is written, then written whole or not at all by {@link SettingsWriter}: the
 * configuration directory FileInstall watches, then ConfigAdmin. Not thread-safe: the caller serializes changes.
 */
public final class SettingsStore {

    /**
     * How a change applies.
     *
     * @param replace     each PID's settings become exactly the given ones (an import) rather than a change of them
     * @param forceUpdate update ConfigAdmin even when nothing changed, so components re-read the files they name
     */
    public record Options(boolean replace, boolean forceUpdate) {
        public static final Options CHANGE = new Options(false, false);
    }

    /** A checked change, ready to apply, or its problems; once applied, it can still be reverted. */
    public final class Prepared {
        private final List<FieldProblem> problems;
        private final Map<String, Map<String, Object>> after;
        private final Options options;
        private final Map<String, Dictionary<String, Object>> before = new LinkedHashMap<>();
        private final FileTransaction files = new FileTransaction();
        private boolean applied;

        private Prepared(List<FieldProblem> problems, Map<String, Map<String, Object>> after, Options options) {
            this.problems = List.copyOf(problems);
            this.after = after;
            this.options = options;
        }

        public List<FieldProblem> problems() {
            return problems;
        }

        /** Writes the files, then ConfigAdmin; a failure restores what was already written. Once only. */
        public ChangeResult apply() {
            if (!problems.isEmpty()) {
                return ChangeResult.refused(problems);
            }
            if (applied || !before.isEmpty()) {
                throw new IllegalStateException("a prepared change applies once");
            }
            after.keySet().forEach(pid -> before.put(pid, copy(storedDictionary(pid))));
            ChangeResult result = writer.write(after, before, pid -> holdsSecret(pid, after.get(pid)),
                    options.forceUpdate(), files);
            applied = result.applied();
            return result;
        }

        /**
         * Puts back the files and ConfigAdmin as they were before {@link #apply()}, when a later step of the same
         * change failed; nothing when it was not applied.
         *
         * @return what could not be put back, one line each (also logged); empty when all was
         */
        public List<String> revert() {
            if (!applied) {
                return List.of();
            }
            applied = false;
            List<String> failures = new ArrayList<>(files.rollback());
            failures.addAll(writer.restore(after.keySet(), before));
            return failures;
        }
    }

    private final ConfigurationAdmin admin;
    private final Definitions definitions;
    private final FileDirectories files;
    private final SettingsWriter writer;
    private final Supplier<List<String>> managedPids;
    private final SettingChecks checks;

    /**
     * @param files the state directory, and the directory FileInstall watches ({@code felix.fileinstall.dir}; null:
     *              ConfigAdmin only): settings are saved in the latter, and a file-valued setting names a file in
     *              either
     */
    public SettingsStore(ConfigurationAdmin admin, Definitions definitions, FileDirectories files,
            Supplier<List<String>> managedPids) {
        this(admin, definitions, files, managedPids, new SettingChecks());
    }

    /** @param checks the components' own checks, asked after Metatype's and ours */
    public SettingsStore(ConfigurationAdmin admin, Definitions definitions, FileDirectories files,
            Supplier<List<String>> managedPids, SettingChecks checks) {
        this.checks = checks;
        this.admin = admin;
        this.definitions = definitions;
        this.files = files;
        this.managedPids = managedPids;
        this.writer = new SettingsWriter(admin, files.configDir());
    }

    public Optional<Path> configDirectory() {
        return Optional.ofNullable(files.configDir());
    }

    /** Where a file-valued setting may name a file, and an export may read one. */
    public FileDirectories fileDirectories() {
        return files;
    }

    /** The stored properties of a PID, without the ones ConfigAdmin and FileInstall add; empty when none. */
    public Map<String, Object> stored(String pid) {
        Dictionary<String, Object> properties = storedDictionary(pid);
        Map<String, Object> out = new LinkedHashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                if (!MetatypeCheck.isManagedKey(key)) {
                    out.put(key, properties.get(key));
                }
            }
        }
        return out;
    }

    /** Defaults overlaid with the stored values, as text; secrets that are set read as the mask. */
    public Map<String, Object> settings(String pid) {
        Map<String, AttributeDefinition> attributes = definitions.find(pid).map(MetatypeCheck::attributes)
                .orElse(Map.of());
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((id, ad) -> out.put(id, defaultText(ad)));
        stored(pid).forEach((key, value) -> out.put(key, SettingText.text(value)));
        out.replaceAll((key, text) -> Secrets.isSecret(key, attributes.get(key)) && !text.toString().isEmpty()
                ? Provisioning.SECRET_MASK : text);
        return out;
    }

    /**
     * The stored values as text, secrets in clear, for an export: keys this gateway's Metatype does not know are
     * left out and named to {@code leftOut} - the components ignore them here, and another gateway's import would
     * refuse the whole document over them.
     */
    public Map<String, String> exportableText(String pid, java.util.function.Consumer<String> leftOut) {
        Map<String, AttributeDefinition> attributes = definitions.find(pid).map(MetatypeCheck::attributes)
                .orElse(null);
        Map<String, String> out = new LinkedHashMap<>();
        storedText(pid).forEach((key, text) -> {
            if (attributes == null || attributes.containsKey(key)) {
                out.put(key, text);
            } else {
                leftOut.accept(key);
            }
        });
        return out;
    }

    /** The stored values as text, secrets in clear (for an export). */
    public Map<String, String> storedText(String pid) {
        Map<String, String> out = new LinkedHashMap<>();
        stored(pid).forEach((key, value) -> out.put(key, SettingText.text(value)));
        return out;
    }

    /** Checks and applies a change of several PIDs together. */
    public ChangeResult configure(Map<String, Map<String, String>> changes, Options options) {
        return prepare(changes, options).apply();
    }

    /** Checks every PID of a change before anything is written. */
    public Prepared prepare(Map<String, Map<String, String>> changes, Options options) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Map<String, Object>> after = new LinkedHashMap<>();
        if (changes == null || changes.isEmpty()) {
            problems.add(new FieldProblem("settings", "no settings given"));
        } else {
            changes.forEach((pid, change) -> after.put(pid, prepareOne(pid, change, options, problems)));
        }
        return new Prepared(problems, after, options);
    }

    private Map<String, Object> prepareOne(String pid, Map<String, String> change, Options options,
            List<FieldProblem> problems) {
        List<String> managed = managedPids.get();
        if (!managed.contains(pid)) {
            problems.add(new FieldProblem(pid, "not a setting provisioning manages (managed: "
                    + String.join(", ", managed) + ")"));
            return Map.of();
        }
        Optional<ObjectClassDefinition> ocd = definitions.find(pid);
        if (ocd.isEmpty()) {
            problems.add(new FieldProblem(pid, "no Metatype description found: is the bundle of " + pid
                    + " installed?"));
            return Map.of();
        }
        Map<String, AttributeDefinition> attributes = MetatypeCheck.attributes(ocd.get());
        Map<String, Object> stored = stored(pid);
        Map<String, Object> next = options.replace() ? new LinkedHashMap<>() : new LinkedHashMap<>(stored);
        for (Map.Entry<String, String> e : (change == null ? Map.<String, String>of() : change).entrySet()) {
            String key = e.getKey();
            AttributeDefinition ad = attributes.get(key);
            if (ad == null) {
                problems.add(field(pid, MetatypeCheck.unknown(ocd.get(), key)));
                continue;
            }
            Object value = parse(ad, e.getValue());
            if (value == null) {
                next.remove(key);
            } else if (Provisioning.SECRET_MASK.equals(e.getValue()) && Secrets.isSecret(key, ad)) {
                keepStored(next, stored, key);
            } else {
                MetatypeCheck.checkValue(ad, value).forEach(p -> problems.add(field(pid, p)));
                SettingRules.check(pid, key, value, files).forEach(p -> problems.add(field(pid, p)));
                for (String text : SettingText.elements(value)) {
                    checks.problems(pid, key, text).forEach(p -> problems.add(new FieldProblem(pid + "/" + key, p)));
                }
                next.put(key, value);
            }
        }
        next.replaceAll((key, value) -> SettingText.normalize(value));
        return next;
    }

    private static void keepStored(Map<String, Object> next, Map<String, Object> stored, String key) {
        if (stored.containsKey(key)) {
            next.put(key, stored.get(key));
        } else {
            next.remove(key);
        }
    }

    /** A text value as stored: an array for a multi-valued attribute; null means reset to the default. */
    private static Object parse(AttributeDefinition ad, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (ad.getCardinality() != 0) {
            String[] items = SettingText.split(text);
            return items.length == 0 ? null : items;
        }
        return Secrets.isSecret(ad.getID(), ad) ? text : text.strip();
    }

    private static FieldProblem field(String pid, SettingProblem problem) {
        return new FieldProblem(pid + "/" + problem.key(), problem.message());
    }

    private boolean holdsSecret(String pid, Map<String, Object> properties) {
        Map<String, AttributeDefinition> attributes = definitions.find(pid).map(MetatypeCheck::attributes)
                .orElse(Map.of());
        return properties.entrySet().stream().anyMatch(e -> Secrets.isSecret(e.getKey(), attributes.get(e.getKey()))
                && !SettingText.text(e.getValue()).isEmpty());
    }

    private Dictionary<String, Object> storedDictionary(String pid) {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + escapeFilter(pid) + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException("cannot read the configuration of " + pid + ": " + e, e);
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        if (properties == null) {
            return null;
        }
        Hashtable<String, Object> out = new Hashtable<>();
        for (String key : Collections.list(properties.keys())) {
            out.put(key, properties.get(key));
        }
        return out;
    }

    private static String defaultText(AttributeDefinition ad) {
        String[] defaults = ad.getDefaultValue();
        if (defaults == null || defaults.length == 0) {
            return "";
        }
        return ad.getCardinality() == 0 ? defaults[0] : SettingText.text(defaults);
    }

    private static String escapeFilter(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
