package org.cityedge.coap.internal;

import java.util.Map;

import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.field.support.DriverFacade;
import org.cityedge.field.support.SinkFanout;
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
 * The CoAP driver as a DS component: runs a {@link CoapDriver} on the current site, delivers to every
 * {@link SampleSink}, and provides {@link FieldDevices} for the site's CoAP devices. The site reference is dynamic and
 * greedy: each site revision is reconciled device by device, never by restarting the driver.
 */
@Component(service = FieldDevices.class, immediate = true, configurationPid = CoapComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CoapConfig.class)
public class CoapComponent extends DriverFacade implements FieldDevices {

    static final String PID = "org.cityedge.coap";
    private static final Logger LOG = LoggerFactory.getLogger(CoapComponent.class);

    private final SinkFanout sinks = new SinkFanout();

    private final Object lock = new Object();
    private SiteService siteService;
    private CoapDriver driver;

    public CoapComponent() {
        super("CoAP");
    }

    @Activate
    void activate(CoapConfig cfg) {
        synchronized (lock) {
            restart(toDriverConfig(cfg));
        }
    }

    @Modified
    void modified(CoapConfig cfg) {
        synchronized (lock) {
            LOG.info("CoAP: configuration changed, restarting the driver");
            restart(toDriverConfig(cfg));
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            if (driver != null) {
                driver.close();
                driver = null;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService service, Map<String, Object> properties) {
        synchronized (lock) {
            siteService = service;
            LOG.info("CoAP: site revision {}", properties.get(SiteService.REVISION));
            if (driver != null) {
                driver.update(safeSite(service), safeProfiles(service));
            }
        }
    }

    void updatedSiteService(SiteService service, Map<String, Object> properties) {
        bindSiteService(service, properties);
    }

    void unbindSiteService(SiteService service) {
        synchronized (lock) {
            if (siteService == service) {
                // a reload re-registers the service and binds the new one first (greedy): keep devices running
                siteService = null;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(SampleSink sink) {
        sinks.add(sink);
    }

    void removeSink(SampleSink sink) {
        sinks.remove(sink);
    }

    /** Called with the lock held. */
    private void restart(DriverConfig config) {
        if (driver != null) {
            driver.close();
        }
        try {
            driver = new CoapDriver(config, sinks::accept).start();
        } catch (RuntimeException e) {
            // only the client endpoints failing to start get here (the push server retries by itself): report and
            // serve nothing until reconfigured
            LOG.error("CoAP: driver cannot start: {}", e.getMessage(), e);
            driver = null;
            return;
        }
        if (siteService != null) {
            driver.update(safeSite(siteService), safeProfiles(siteService));
        }
    }

    private static Site safeSite(SiteService service) {
        try {
            Site site = service.site();
            return site == null ? Site.EMPTY : site;
        } catch (RuntimeException e) {
            LOG.error("CoAP: the site service failed; no devices served", e);
            return Site.EMPTY;
        }
    }

    private static Map<String, DeviceProfile> safeProfiles(SiteService service) {
        try {
            Map<String, DeviceProfile> profiles = service.profiles();
            return profiles == null ? Map.of() : profiles;
        } catch (RuntimeException e) {
            LOG.error("CoAP: the site service failed to give profiles", e);
            return Map.of();
        }
    }

    static DriverConfig toDriverConfig(CoapConfig c) {
        return new DriverConfig(c.allowPlain(), c.serverEnabled(), c.bindAddress(), c.serverPort(), c.plainPort(),
                c.pskFile(), c.maxPayloadBytes(), c.fastPeriodMs(), c.normalPeriodMs(), c.slowPeriodMs(),
                c.offlineAfterFailures(), c.backoffInitialMs(), c.backoffCapMs(), c.observeGraceMs(), c.pskCheckMs(),
                c.errorLogIntervalMs(), c.pushStaleAfterMs());
    }

    private CoapDriver driver() {
        synchronized (lock) {
            return driver;
        }
    }

    @Override
    protected FieldDevices activeEngine() {
        return driver();
    }
}
