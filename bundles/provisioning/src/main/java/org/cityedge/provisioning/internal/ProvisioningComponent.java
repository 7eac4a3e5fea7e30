package org.cityedge.provisioning.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.api.provision.SettingCheck;
import org.cityedge.api.provision.TlsStatus;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteEditor;
import org.cityedge.api.site.SiteService;
import org.cityedge.provisioning.internal.settings.MetatypeCatalog;
import org.cityedge.provisioning.internal.settings.SettingChecks;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning as a DS component. The configuration directory is the framework property
 * {@code felix.fileinstall.dir}, the state directory {@code cityedge.state} (default {@code state}, as the other
 * components). The site service and editor are optional and dynamic: the site bundle re-registers its service on
 * every reload, and settings stay changeable while the site is broken or missing.
 */
@Component(service = Provisioning.class, immediate = true, configurationPid = ProvisioningComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ProvisioningConfig.class)
public class ProvisioningComponent implements Provisioning {

    static final String PID = "org.cityedge.provisioning";
    static final String CONFIG_DIR_PROPERTY = "felix.fileinstall.dir";
    static final String STATE_DIR_PROPERTY = "cityedge.state";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningComponent.class);

    @Reference
    private ConfigurationAdmin configurationAdmin;
    @Reference
    private MetaTypeService metatype;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SiteService siteService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SiteEditor siteEditor;

    private final SettingChecks checks = new SettingChecks();
    private BundleContext context;
    private volatile GatewayProvisioning delegate;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSettingCheck(SettingCheck check, Map<String, Object> properties) {
        Object pid = properties.get(SettingCheck.PID);
        if (pid != null) {
            checks.add(pid.toString(), check);
        }
    }

    void removeSettingCheck(SettingCheck check, Map<String, Object> properties) {
        Object pid = properties.get(SettingCheck.PID);
        if (pid != null) {
            checks.remove(pid.toString(), check);
        }
    }

    @Activate
    void activate(BundleContext ctx, ProvisioningConfig config) {
        this.context = ctx;
        modified(config);
    }

    @Modified
    void modified(ProvisioningConfig config) {
        String configDir = context.getProperty(CONFIG_DIR_PROPERTY);
        String stateDir = context.getProperty(STATE_DIR_PROPERTY);
        Path configPath = configDir == null || configDir.isBlank() ? null : Path.of(configDir);
        Path statePath = Path.of(stateDir == null || stateDir.isBlank() ? "state" : stateDir);
        List<String> pids = List.of(config.managedPids() == null ? new String[0] : config.managedPids());
        delegate = new GatewayProvisioning(pids, configurationAdmin, new MetatypeCatalog(context, metatype),
                configPath, statePath, () -> siteService, () -> siteEditor, Clock.systemUTC(), checks);
        LOG.info("provisioning: {} managed PIDs; settings saved in {}; TLS material under {}", pids.size(),
                configPath == null ? "ConfigAdmin only (no felix.fileinstall.dir)" : configPath,
                statePath.toAbsolutePath());
    }

    @Override
    public List<String> managedPids() {
        return delegate.managedPids();
    }

    @Override
    public Map<String, Object> settings(String pid) {
        return delegate.settings(pid);
    }

    @Override
    public ChangeResult configure(Map<String, Map<String, String>> changes) {
        return delegate.configure(changes);
    }

    @Override
    public Identity identity() {
        return delegate.identity();
    }

    @Override
    public ChangeResult setIdentity(Identity identity) {
        return delegate.setIdentity(identity);
    }

    @Override
    public ChangeResult assign(List<BusDefinition> buses, List<DeviceDefinition> devices) {
        return delegate.assign(buses, devices);
    }

    @Override
    public ChangeResult removeDevices(List<String> deviceIds) {
        return delegate.removeDevices(deviceIds);
    }

    @Override
    public String createCertificateRequest() {
        return delegate.createCertificateRequest();
    }

    @Override
    public ChangeResult installCertificate(String certificatePem, String caPem) {
        return delegate.installCertificate(certificatePem, caPem);
    }

    @Override
    public ChangeResult setIocPublicKey(String publicKeyPem) {
        return delegate.setIocPublicKey(publicKeyPem);
    }

    @Override
    public TlsStatus tls() {
        return delegate.tls();
    }

    @Override
    public String exportConfiguration(boolean includePrivateKey) {
        return delegate.exportConfiguration(includePrivateKey);
    }

    @Override
    public ChangeResult importConfiguration(String document) {
        return delegate.importConfiguration(document);
    }
}
