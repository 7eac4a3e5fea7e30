package org.cityedge.uplink.mqtt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityedge.api.control.CommandHandler;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.api.uplink.UplinkMonitor;
import org.cityedge.api.uplink.UplinkStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink as a DS component: a {@link SampleSink} on the field layer's whiteboard and the {@link UplinkMonitor}
 * the console reads. A configuration change is applied in place ({@link Modified}): it reconnects when the
 * connection changed, and never touches the buffer, which is another component.
 */
@Component(service = { SampleSink.class, UplinkMonitor.class }, immediate = true,
        configurationPid = MqttUplinkComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = UplinkConfig.class)
public class MqttUplinkComponent implements SampleSink, UplinkMonitor {

    static final String PID = "org.cityedge.uplink.mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplinkComponent.class);

    @Reference
    private Outbox outbox;

    private final List<FieldDevices> drivers = new CopyOnWriteArrayList<>();
    private final List<PolicyDocumentHandler> policies = new CopyOnWriteArrayList<>();
    private volatile CommandHandler commandHandler;
    private volatile SiteService siteService;
    private volatile UplinkEngine engine;

    @Activate
    void activate(BundleContext context, UplinkConfig config) {
        UplinkEngine e = new UplinkEngine(outbox, new OsgiFacts(context), () -> commandHandler);
        e.start(UplinkSettings.of(config));
        engine = e;
    }

    @Modified
    void modified(UplinkConfig config) {
        engine.reconfigure(UplinkSettings.of(config));
    }

    @Deactivate
    void deactivate() {
        UplinkEngine e = engine;
        engine = null;
        e.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(FieldDevices driver) {
        drivers.add(driver);
    }

    void removeDriver(FieldDevices driver) {
        drivers.remove(driver);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCommandHandler(CommandHandler handler) {
        commandHandler = handler;
    }

    void unsetCommandHandler(CommandHandler handler) {
        if (commandHandler == handler) {
            commandHandler = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPolicy(PolicyDocumentHandler policy) {
        policies.add(policy);
    }

    void removePolicy(PolicyDocumentHandler policy) {
        policies.remove(policy);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSite(SiteService site) {
        siteService = site;
        siteChanged();
    }

    void updatedSite(SiteService site) {
        siteChanged();
    }

    void unsetSite(SiteService site) {
        if (siteService == site) {
            siteService = null;
        }
    }

    private void siteChanged() {
        UplinkEngine e = engine;
        if (e != null) {
            e.siteChanged();
        }
    }

    @Override
    public void accept(List<Sample> samples) {
        UplinkEngine e = engine;
        if (e != null) {
            e.accept(samples);
        }
    }

    @Override
    public UplinkStatus status() {
        return engine.status();
    }

    /** The gateway as the framework, the site service and the drivers see it. */
    private final class OsgiFacts implements GatewayFacts {
        private final BundleContext context;

        OsgiFacts(BundleContext context) {
            this.context = context;
        }

        private Site site0() {
            SiteService s = siteService;
            return s == null ? Site.EMPTY : s.site();
        }

        @Override
        public String site() {
            return site0().site();
        }

        @Override
        public String gatewayId() {
            return site0().gatewayId();
        }

        @Override
        public Map<String, String> versions() {
            Map<String, String> versions = new TreeMap<>();
            for (Bundle b : context.getBundles()) {
                String bsn = b.getSymbolicName();
                if (bsn != null && bsn.startsWith("org.cityedge.")) {
                    versions.put(bsn, b.getVersion().toString());
                }
            }
            versions.put("java", System.getProperty("java.version", "?"));
            return versions;
        }

        @Override
        public List<DeviceFact> devices() {
            return site0().devices().stream()
                    .map(d -> new DeviceFact(d.id(), d.name(), d.profile(), d.bus()))
                    .toList();
        }

        @Override
        public List<String> profiles() {
            SiteService s = siteService;
            return s == null ? List.of() : s.profiles().keySet().stream().sorted().toList();
        }

        @Override
        public String ruleSetVersion() {
            for (PolicyDocumentHandler p : policies) {
                if ("ruleset".equals(p.type())) {
                    long v = p.activeVersion();
                    return v > 0 ? Long.toString(v) : null;
                }
            }
            return null; // no rule engine, or no rule set installed yet
        }

        @Override
        public List<DeviceHealth> deviceHealth() {
            List<DeviceHealth> all = new ArrayList<>();
            for (FieldDevices driver : drivers) {
                try {
                    all.addAll(driver.health());
                } catch (RuntimeException e) {
                    LOG.warn("uplink: a field driver's health failed: {}", e.toString());
                }
            }
            all.sort(Comparator.comparing(DeviceHealth::deviceId));
            return all;
        }
    }
}
