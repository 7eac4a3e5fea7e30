package org.cityedge.provisioning.internal.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.provisioning.internal.files.FileTransaction;
import org.cityedge.provisioning.internal.settings.SettingsStore;
import org.cityedge.provisioning.internal.site.SiteChanges;
import org.cityedge.provisioning.internal.tls.Pem;
import org.cityedge.provisioning.internal.tls.PrivateKeys;
import org.cityedge.provisioning.internal.tls.TlsFiles;
import org.cityedge.provisioning.internal.tls.TlsProvisioning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@code cityedge-config/1} document whole, or changes nothing. Everything is checked before anything is
 * written: the document, the site text (a dry run of the site editor), then the settings, with the files the
 * document carries in place under this gateway's state directory (keys 0600) and the settings naming them pointed
 * there. Then the settings are written and the site file last. If the settings cannot be written, the files are put
 * back; if the site file is then refused after all (it or the profiles changed in between, or it cannot be written),
 * the settings and the files are put back, and anything that could not be is a problem of the result and an ERROR.
 * A document without site text leaves the site file as it is.
 */
public final class ConfigImport {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigImport.class);

    private final SettingsStore settings;
    private final SiteChanges site;
    private final TlsFiles tls;

    public ConfigImport(SettingsStore settings, SiteChanges site, TlsFiles tls) {
        this.settings = settings;
        this.site = site;
        this.tls = tls;
    }

    public ChangeResult importDocument(String document) {
        JsonNode root;
        try {
            root = ConfigExport.JSON.readTree(document == null ? "" : document);
        } catch (JsonProcessingException e) {
            return ChangeResult.refused("document", "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return ChangeResult.refused("document", "not a JSON object");
        }
        if (!ConfigExport.FORMAT.equals(root.path("format").asText(null))) {
            return ChangeResult.refused("format", "expected " + ConfigExport.FORMAT + ", found "
                    + (root.has("format") ? root.get("format").toString() : "none"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, String>> changes = settingsOf(root.path("settings"), problems);
        Map<DocumentFile, String> carried = filesOf(root, problems);
        if (!problems.isEmpty()) {
            return ChangeResult.refused(problems);
        }
        decideOnCertificate(carried, changes, notes);
        String siteText = root.path("site").asText("");
        if (!siteText.isBlank()) {
            List<FieldProblem> siteProblems = site.check(siteText);
            if (!siteProblems.isEmpty()) {
                return ChangeResult.refused(siteProblems);
            }
        }
        FileTransaction written = new FileTransaction();
        try {
            for (Map.Entry<DocumentFile, String> e : carried.entrySet()) {
                Path local = e.getKey().local(tls.stateDir());
                written.write(local, e.getValue().getBytes(StandardCharsets.UTF_8), e.getKey().permissions());
                changes.computeIfAbsent(e.getKey().pid(), p -> new LinkedHashMap<>()).put(e.getKey().key(),
                        local.toString());
            }
        } catch (IOException e) {
            written.rollback();
            return ChangeResult.refused("files", "cannot write: " + e);
        }
        SettingsStore.Prepared prepared = settings.prepare(changes, new SettingsStore.Options(true, true));
        if (!prepared.problems().isEmpty()) {
            written.rollback();
            return ChangeResult.refused(prepared.problems());
        }
        ChangeResult applied = prepared.apply();
        if (!applied.applied()) {
            written.rollback();
            return applied;
        }
        if (!siteText.isBlank()) {
            List<FieldProblem> siteProblems = site.replace(siteText);
            if (!siteProblems.isEmpty()) {
                return putBack(siteProblems, prepared, written);
            }
            notes.add("site file replaced");
        }
        notes.addAll(applied.notes());
        return ChangeResult.applied(notes);
    }

    /** The site file was refused after the settings were written: the settings and files go back as they were. */
    private static ChangeResult putBack(List<FieldProblem> siteProblems, SettingsStore.Prepared prepared,
            FileTransaction written) {
        List<String> failures = new ArrayList<>(prepared.revert());
        failures.addAll(written.rollback());
        if (failures.isEmpty()) {
            return ChangeResult.refused(siteProblems);
        }
        LOG.error("provisioning: import: the site file was refused after the settings were written, and these could"
                + " not be put back: {}", String.join("; ", failures));
        List<FieldProblem> problems = new ArrayList<>(siteProblems);
        failures.forEach(f -> problems.add(new FieldProblem("restore", "could not be put back after the refusal: "
                + f)));
        return ChangeResult.refused(problems);
    }

    /**
     * A certificate moves with its key: written with the document's private key, or kept when it belongs to this
     * gateway's own key; otherwise it is left out and the uplink's certificate settings cleared, so the
     * replacement asks for its own.
     */
    private void decideOnCertificate(Map<DocumentFile, String> carried, Map<String, Map<String, String>> changes,
            List<String> notes) {
        String certificate = carried.get(DocumentFile.named(DocumentFile.CERTIFICATE));
        if (certificate == null || carried.containsKey(DocumentFile.KEY)) {
            return;
        }
        Map<String, String> uplink = changes.computeIfAbsent(TlsProvisioning.UPLINK_PID,
                p -> new LinkedHashMap<>());
        String localKey = ConfigExport.read(tls.key());
        if (localKey != null && belongsTo(certificate, localKey)) {
            uplink.put("keyFile", tls.key().toAbsolutePath().toString());
            return;
        }
        carried.remove(DocumentFile.named(DocumentFile.CERTIFICATE));
        uplink.put("certFile", null);
        uplink.put("keyFile", null);
        notes.add("the certificate was not imported: the document carries no private key and it does not belong"
                + " to this gateway's key; create a certificate request for this gateway");
    }

    private static boolean belongsTo(String certificatePem, String keyPem) {
        try {
            X509Certificate leaf = Pem.certificates(certificatePem).get(0);
            PrivateKey key = PrivateKeys.parse(keyPem);
            return PrivateKeys.matches(key, leaf.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private Map<String, Map<String, String>> settingsOf(JsonNode node, List<FieldProblem> problems) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem("settings", "not an object of PIDs"));
            return out;
        }
        node.fields().forEachRemaining(pid -> {
            if (!pid.getValue().isObject()) {
                problems.add(new FieldProblem(pid.getKey(), "not an object of settings"));
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            pid.getValue().fields().forEachRemaining(e -> values.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().isValueNode() ? e.getValue().asText()
                            : e.getValue().toString()));
            // A PID with nothing stored on either gateway is left alone (its bundle may not even be installed).
            if (!values.isEmpty() || !settings.stored(pid.getKey()).isEmpty()) {
                out.put(pid.getKey(), values);
            }
        });
        return out;
    }

    private Map<DocumentFile, String> filesOf(JsonNode root, List<FieldProblem> problems) {
        Map<DocumentFile, String> out = new LinkedHashMap<>();
        JsonNode files = root.path("files");
        if (files.isObject()) {
            files.fieldNames().forEachRemaining(name -> {
                DocumentFile file = DocumentFile.named(name);
                if (file == null) {
                    problems.add(new FieldProblem("files/" + name, "not a file this format carries (known: "
                            + String.join(", ", DocumentFile.ALL.stream().map(DocumentFile::name).toList()) + ")"));
                } else {
                    String text = files.get(name).asText("");
                    String problem = checkFile(file, text);
                    if (problem != null) {
                        problems.add(new FieldProblem("files/" + name, problem));
                    } else {
                        out.put(file, text);
                    }
                }
            });
        }
        String key = root.path("privateKey").asText("");
        if (!key.isBlank()) {
            try {
                PrivateKeys.parse(key);
                out.put(DocumentFile.KEY, key);
            } catch (GeneralSecurityException e) {
                problems.add(new FieldProblem("privateKey", e.getMessage()));
            }
        }
        return out;
    }

    private static String checkFile(DocumentFile file, String text) {
        try {
            switch (file.name()) {
                case DocumentFile.CA, DocumentFile.CERTIFICATE -> Pem.certificates(text);
                case DocumentFile.IOC_KEY -> TlsProvisioning.iocKeyDer(text);
                default -> {
                    // the pre-shared key file is the CoAP driver's to read
                }
            }
            return null;
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }
}
