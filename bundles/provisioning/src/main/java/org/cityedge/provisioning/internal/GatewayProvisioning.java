package org.cityedge.provisioning.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.api.provision.TlsStatus;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteEditor;
import org.cityedge.api.site.SiteService;
import org.cityedge.provisioning.internal.files.FileDirectories;
import org.cityedge.provisioning.internal.settings.Definitions;
import org.cityedge.provisioning.internal.settings.SettingChecks;
import org.cityedge.provisioning.internal.settings.SettingsStore;
import org.cityedge.provisioning.internal.site.SiteChanges;
import org.cityedge.provisioning.internal.tls.TlsFiles;
import org.cityedge.provisioning.internal.tls.TlsProvisioning;
import org.cityedge.provisioning.internal.transfer.ConfigExport;
import org.cityedge.provisioning.internal.transfer.ConfigImport;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link Provisioning} over its parts: settings, site, TLS, export and import. One change at a time (the console
 * and the CLI may call together): every method that changes something holds the same lock, so whole-or-nothing
 * holds across callers too.
 */
public final class GatewayProvisioning implements Provisioning {

    private final List<String> managedPids;
    private final SettingsStore settings;
    private final SiteChanges site;
    private final TlsProvisioning tls;
    private final ConfigExport exporter;
    private final ConfigImport importer;
    private final Object lock = new Object();

    /**
     * @param configDir the directory FileInstall watches, or null when there is none (ConfigAdmin only)
     * @param stateDir  the gateway's state directory (TLS and trust files)
     */
    public GatewayProvisioning(List<String> managedPids, ConfigurationAdmin admin, Definitions definitions,
            Path configDir, Path stateDir, Supplier<SiteService> sites, Supplier<SiteEditor> editors, Clock clock) {
        this(managedPids, admin, definitions, configDir, stateDir, sites, editors, clock, new SettingChecks());
    }

    /** @param checks the components' own setting checks (whiteboard) */
    public GatewayProvisioning(List<String> managedPids, ConfigurationAdmin admin, Definitions definitions,
            Path configDir, Path stateDir, Supplier<SiteService> sites, Supplier<SiteEditor> editors, Clock clock,
            SettingChecks checks) {
        this.managedPids = List.copyOf(managedPids);
        this.settings = new SettingsStore(admin, definitions, new FileDirectories(stateDir, configDir),
                this::managedPids, checks);
        this.site = new SiteChanges(sites, editors);
        TlsFiles files = new TlsFiles(stateDir);
        this.tls = new TlsProvisioning(files, settings, site, clock);
        this.exporter = new ConfigExport(settings, site, files, this::managedPids, clock);
        this.importer = new ConfigImport(settings, site, files);
    }

    @Override
    public List<String> managedPids() {
        return managedPids;
    }

    @Override
    public Map<String, Object> settings(String pid) {
        if (!managedPids.contains(pid)) {
            throw new IllegalArgumentException(pid + " is not managed here (managed: " + String.join(", ",
                    managedPids) + ")");
        }
        return settings.settings(pid);
    }

    @Override
    public ChangeResult configure(Map<String, Map<String, String>> changes) {
        synchronized (lock) {
            return settings.configure(changes, SettingsStore.Options.CHANGE);
        }
    }

    @Override
    public Identity identity() {
        return site.identity();
    }

    @Override
    public ChangeResult setIdentity(Identity identity) {
        synchronized (lock) {
            return site.setIdentity(identity);
        }
    }

    @Override
    public ChangeResult assign(List<BusDefinition> buses, List<DeviceDefinition> devices) {
        synchronized (lock) {
            return site.assign(buses, devices);
        }
    }

    @Override
    public ChangeResult removeDevices(List<String> deviceIds) {
        synchronized (lock) {
            return site.removeDevices(deviceIds);
        }
    }

    @Override
    public String createCertificateRequest() {
        synchronized (lock) {
            return tls.createCertificateRequest();
        }
    }

    @Override
    public ChangeResult installCertificate(String certificatePem, String caPem) {
        synchronized (lock) {
            return tls.installCertificate(certificatePem, caPem);
        }
    }

    @Override
    public ChangeResult setIocPublicKey(String publicKeyPem) {
        synchronized (lock) {
            return tls.setIocPublicKey(publicKeyPem);
        }
    }

    @Override
    public TlsStatus tls() {
        return tls.status();
    }

    @Override
    public String exportConfiguration(boolean includePrivateKey) {
        synchronized (lock) {
            return exporter.export(includePrivateKey);
        }
    }

    @Override
    public ChangeResult importConfiguration(String document) {
        synchronized (lock) {
            return importer.importDocument(document);
        }
    }
}
