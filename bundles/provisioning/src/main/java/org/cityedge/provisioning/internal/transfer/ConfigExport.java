package org.cityedge.provisioning.internal.transfer;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.provision.Identity;
import org.cityedge.provisioning.internal.files.FileDirectories;
import org.cityedge.provisioning.internal.settings.SettingsStore;
import org.cityedge.provisioning.internal.site.SiteChanges;
import org.cityedge.provisioning.internal.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole configuration as one {@code cityedge-config/1} JSON document: identity and site file text, every
 * managed PID's stored settings as text, the files the settings name ({@link DocumentFile}), and the private key
 * only when asked. Secrets are in clear (passwords, pre-shared keys, maybe the key): the document is as sensitive
 * as the gateway itself.
 *
 * <p>A setting names its file, so what an export reads is bounded here, not only when the setting was written (a
 * hand-written file is never checked): a file is read only when it resolves under the state or configuration
 * directory, and a file holding a private key is carried only in an export asked to carry the key. A file left out
 * is named in the document's {@code notes}, logged and counted; the export goes on.
 */
public final class ConfigExport {

    public static final String FORMAT = "cityedge-config/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Far more than a CA bundle; a bigger file is not what a setting of this kind names. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ConfigExport.class);

    private final SettingsStore settings;
    private final SiteChanges site;
    private final TlsFiles tls;
    private final Supplier<List<String>> managedPids;
    private final Clock clock;
    private final LongAdder filesLeftOut = new LongAdder();

    public ConfigExport(SettingsStore settings, SiteChanges site, TlsFiles tls, Supplier<List<String>> managedPids,
            Clock clock) {
        this.settings = settings;
        this.site = site;
        this.tls = tls;
        this.managedPids = managedPids;
        this.clock = clock;
    }

    public String export(boolean includePrivateKey) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("exportedAt", clock.millis());
        Identity identity = site.identity();
        ObjectNode id = root.putObject("identity");
        id.put("site", identity.site());
        id.put("gatewayId", identity.gatewayId());
        if (identity.location() != null) {
            id.putObject("location").put("latitude", identity.location().latitude())
                    .put("longitude", identity.location().longitude());
        } else {
            id.putNull("location");
        }
        id.put("timezone", identity.timezone());
        root.put("site", site.text());
        List<String> notes = new ArrayList<>();
        ObjectNode all = root.putObject("settings");
        for (String pid : managedPids.get()) {
            ObjectNode one = all.putObject(pid);
            settings.exportableText(pid, key -> notes.add("settings/" + pid + "/" + key
                    + ": left out: not a setting of this gateway's " + pid + " (ignored here as well)"))
                    .forEach(one::put);
        }
        ObjectNode files = root.putObject("files");
        for (DocumentFile file : DocumentFile.ALL) {
            String text = carried(file, "files/" + file.name(), includePrivateKey, notes);
            if (text != null) {
                files.put(file.name(), text);
            }
        }
        if (includePrivateKey) {
            String key = carried(DocumentFile.KEY, "privateKey", true, notes);
            if (key != null) {
                root.put("privateKey", key);
            }
        }
        if (!notes.isEmpty()) {
            notes.forEach(root.putArray("notes")::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files left out of exports since start, each also named in its document's notes and logged. */
    public long filesLeftOut() {
        return filesLeftOut.sum();
    }

    /**
     * The text an export carries for {@code file}: null when there is no such file, and null with a note when the
     * file is outside the allowed directories, unreadable, not UTF-8 text, too big, or a private key not asked for.
     */
    private String carried(DocumentFile file, String field, boolean includePrivateKey, List<String> notes) {
        Path source = source(file);
        if (!Files.isRegularFile(source)) {
            return null;
        }
        FileDirectories allowed = settings.fileDirectories();
        Path real = allowed.realPathWithin(source).orElse(null);
        if (real == null) {
            return leaveOut(field, file, source, "is outside " + allowed.describe(), notes);
        }
        String text;
        try {
            if (Files.size(real) > MAX_FILE_BYTES) {
                return leaveOut(field, file, source, "is larger than " + MAX_FILE_BYTES + " bytes", notes);
            }
            text = Files.readString(real, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return leaveOut(field, file, source, "is not UTF-8 text", notes);
        } catch (IOException e) {
            return leaveOut(field, file, source, "cannot be read: " + e, notes);
        }
        boolean privateKey = FileDirectories.holdsPrivateKey(text);
        if (file.equals(DocumentFile.KEY) && !privateKey) {
            return leaveOut(field, file, source, "holds no PEM private key", notes);
        }
        if (!file.equals(DocumentFile.KEY) && privateKey && !includePrivateKey) {
            return leaveOut(field, file, source, "holds a private key, and this export is without the key", notes);
        }
        return text;
    }

    private String leaveOut(String field, DocumentFile file, Path source, String why, List<String> notes) {
        filesLeftOut.increment();
        String note = field + " left out: " + source + " (" + file.pid() + "/" + file.key() + ") " + why;
        LOG.warn("provisioning: export: {}", note);
        notes.add(note);
        return null;
    }

    /** The file a setting names on this gateway, else the standard place under the state directory. */
    private Path source(DocumentFile file) {
        Object named = settings.stored(file.pid()).get(file.key());
        String path = named == null ? "" : String.valueOf(named).strip();
        return path.isEmpty() ? file.local(tls.stateDir()) : Path.of(path);
    }

    /** A file's text, or null when it does not exist. */
    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
    }
}
