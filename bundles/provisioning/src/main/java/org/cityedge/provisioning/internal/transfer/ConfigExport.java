package org.cityedge.provisioning.internal.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.provision.Identity;
import org.cityedge.provisioning.internal.settings.SettingsStore;
import org.cityedge.provisioning.internal.site.SiteChanges;
import org.cityedge.provisioning.internal.tls.TlsFiles;

/**
 * The whole configuration as one {@code cityedge-config/1} JSON document: identity and site file text, every
 * managed PID's stored settings as text, the files the settings name ({@link DocumentFile}), and the private key
 * only when asked. Secrets are in clear (passwords, pre-shared keys, maybe the key): the document is as sensitive
 * as the gateway itself.
 */
public final class ConfigExport {

    public static final String FORMAT = "cityedge-config/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SettingsStore settings;
    private final SiteChanges site;
    private final TlsFiles tls;
    private final Supplier<List<String>> managedPids;
    private final Clock clock;

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
        ObjectNode all = root.putObject("settings");
        for (String pid : managedPids.get()) {
            ObjectNode one = all.putObject(pid);
            settings.storedText(pid).forEach(one::put);
        }
        ObjectNode files = root.putObject("files");
        for (DocumentFile file : DocumentFile.ALL) {
            String text = read(source(file));
            if (text != null) {
                files.put(file.name(), text);
            }
        }
        if (includePrivateKey) {
            String key = read(source(DocumentFile.KEY));
            if (key != null) {
                root.put("privateKey", key);
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
