package org.cityedge.modbus.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.BusScanner;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.HostScanRequest;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.field.ScanRequest;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.field.support.DriverFacade;
import org.cityedge.field.support.SinkFanout;
import org.cityedge.modbus.internal.engine.EngineConfig;
import org.cityedge.modbus.internal.engine.ModbusEngine;
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
 * The Modbus driver as a DS component: runs a {@link ModbusEngine} on the current site, delivers to every
 * {@link SampleSink}, provides {@link FieldDevices} for the site's Modbus devices and {@link BusScanner} for its
 * Modbus buses (a scan queues on the bus like polls) and for Modbus TCP hosts on no bus (a host scan has its own
 * thread); a configuration change restarts the engine and ends any scan.
 *
 * <p>The site service is re-registered on every reload. Its reference is optional and dynamic, so a reload never
 * deactivates the driver: a new site is applied bus by bus (unchanged buses keep polling), and when the site service
 * goes away for good (longer than {@link #SITE_GONE_GRACE_MS}) polling stops.
 */
@Component(service = {FieldDevices.class, BusScanner.class}, immediate = true, configurationPid = ModbusComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ModbusConfig.class)
public class ModbusComponent extends DriverFacade implements FieldDevices, BusScanner {

    static final String PID = "org.cityedge.modbus";
    static final long SITE_GONE_GRACE_MS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(ModbusComponent.class);

    private final SinkFanout sinks = new SinkFanout();
    private final ScheduledExecutorService siteEvents = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "modbus-site");
        t.setDaemon(true);
        return t;
    });

    private final Object lock = new Object();
    private SiteService siteService;
    private ScheduledFuture<?> pendingStop;
    private ModbusEngine engine;
    private EngineConfig config;

    public ModbusComponent() {
        super("Modbus");
    }

    @Activate
    void activate(ModbusConfig cfg) {
        synchronized (lock) {
            config = toEngineConfig(cfg);
            restart();
        }
    }

    @Modified
    void modified(ModbusConfig cfg) {
        synchronized (lock) {
            config = toEngineConfig(cfg);
            LOG.info("Modbus: configuration changed, restarting the engine");
            restart();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            if (engine != null) {
                engine.close();
                engine = null;
            }
            config = null;
        }
        siteEvents.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService service, Map<String, Object> properties) {
        synchronized (lock) {
            siteService = service;
            if (pendingStop != null) {
                pendingStop.cancel(false);
                pendingStop = null;
            }
            LOG.info("Modbus: site revision {}", properties.get(SiteService.REVISION));
            applySite();
        }
    }

    void updatedSiteService(SiteService service, Map<String, Object> properties) {
        bindSiteService(service, properties);
    }

    void unbindSiteService(SiteService service) {
        synchronized (lock) {
            if (siteService != service) {
                return;
            }
            siteService = null;
            if (engine == null) {
                return; // deactivated: SCR unbinds dynamic references after deactivate, nothing left to stop
            }
            // a reload re-registers the service: wait a little for the new one before stopping every bus
            pendingStop = siteEvents.schedule(this::siteGone, SITE_GONE_GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void siteGone() {
        synchronized (lock) {
            if (siteService == null && engine != null) {
                LOG.info("Modbus: no site service; polling stopped");
                engine.update(Site.EMPTY, Map.of());
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
    private void restart() {
        if (engine != null) {
            engine.close();
        }
        Site site = siteService == null ? Site.EMPTY : safeSite(siteService);
        Map<String, DeviceProfile> profiles = siteService == null ? Map.of() : safeProfiles(siteService);
        engine = new ModbusEngine(site, profiles, sinks, config).start();
    }

    /** Called with the lock held. */
    private void applySite() {
        if (engine == null || siteService == null) {
            return;
        }
        engine.update(safeSite(siteService), safeProfiles(siteService));
    }

    private static Site safeSite(SiteService service) {
        try {
            Site site = service.site();
            return site == null ? Site.EMPTY : site;
        } catch (RuntimeException e) {
            LOG.error("Modbus: the site service failed; no devices polled", e);
            return Site.EMPTY;
        }
    }

    private static Map<String, DeviceProfile> safeProfiles(SiteService service) {
        try {
            Map<String, DeviceProfile> profiles = service.profiles();
            return profiles == null ? Map.of() : profiles;
        } catch (RuntimeException e) {
            LOG.error("Modbus: the site service failed to give profiles", e);
            return Map.of();
        }
    }

    static EngineConfig toEngineConfig(ModbusConfig c) {
        return new EngineConfig(c.fastPeriodMs(), c.normalPeriodMs(), c.slowPeriodMs(), c.offlineAfterFailures(),
                c.backoffInitialMs(), c.backoffCapMs(), c.workerThreads(), c.staggerMs(), c.extraInterFrameDelayMs(),
                c.tcpRequestCostBytes(), c.rtuTurnaroundMs(), c.errorLogIntervalMs(), c.blockReads());
    }

    private ModbusEngine engine() {
        synchronized (lock) {
            return engine;
        }
    }

    @Override
    protected FieldDevices activeEngine() {
        return engine();
    }

    @Override
    public Set<String> scannableBuses() {
        ModbusEngine e = engine();
        return e == null ? Set.of() : e.scannableBuses();
    }

    @Override
    public Scan scan(ScanRequest request, ScanListener listener) {
        ModbusEngine e = engine();
        if (e == null) {
            throw new IllegalArgumentException("Modbus driver not active: no bus to scan");
        }
        return e.scan(request, listener);
    }

    /** Runs on the engine's own host-scan thread (no bus queue owns those hosts); ends when the engine does. */
    @Override
    public Scan scanHosts(HostScanRequest request, ScanListener listener) {
        ModbusEngine e = engine();
        if (e == null) {
            throw new IllegalArgumentException("Modbus driver not active: cannot scan hosts");
        }
        return e.scanHosts(request, listener);
    }

    long sinkFailures() {
        return sinks.failures();
    }
}
