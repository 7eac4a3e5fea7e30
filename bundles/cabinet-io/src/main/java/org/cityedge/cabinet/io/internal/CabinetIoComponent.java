package org.cityedge.cabinet.io.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.api.uplink.UplinkMonitor;
import org.cityedge.api.uplink.UplinkStatus;
import org.cityedge.cabinet.io.internal.engine.CabinetEngine;
import org.cityedge.cabinet.io.internal.engine.EngineMemory;
import org.cityedge.cabinet.io.internal.engine.EngineSettings;
import org.cityedge.cabinet.io.internal.engine.MaintenanceWindows;
import org.cityedge.cabinet.io.internal.gpio.GpioProvider;
import org.cityedge.cabinet.io.internal.gpio.GpioUnavailableException;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.gpio.PinAssignment;
import org.cityedge.cabinet.io.internal.gpio.PinsFactory;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.cityedge.field.support.DriverFacade;
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
 * Cabinet I/O as a DS component: runs a {@link CabinetEngine} on the current site, delivers to every
 * {@link SampleSink}, raises tamper events through the {@link Outbox}, and provides {@link FieldDevices} for the
 * site's GPIO device. The status LED shows the uplink ({@link UplinkMonitor}) and the health of every driver's
 * devices (all {@link FieldDevices}, this one included).
 *
 * <p>Activation never fails for want of GPIO: the engine reports the device OFFLINE and retries with backoff. Every
 * reference is optional and dynamic, so a site reload or an uplink restart never deactivates the component.
 */
@Component(service = FieldDevices.class, immediate = true, configurationPid = CabinetIoComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CabinetIoConfig.class)
public class CabinetIoComponent extends DriverFacade implements FieldDevices {

    static final String PID = "org.cityedge.cabinet.io";
    static final long SITE_GONE_GRACE_MS = 5000;
    static final String DOOR_ALARM_FILE = "door-alarm.state";
    private static final Logger LOG = LoggerFactory.getLogger(CabinetIoComponent.class);

    private final List<SampleSink> sinks = new CopyOnWriteArrayList<>();
    private final List<FieldDevices> drivers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile Outbox outbox;
    private volatile UplinkMonitor uplink;
    private volatile SiteService siteService;
    private volatile CabinetEngine engine;
    private Path doorAlarmFile;

    /** A cold start: the contactor is set to {@code contactorOnAtStart} when the pins first open. */
    public CabinetIoComponent() {
        super("cabinet I/O");
    }

    @Activate
    void activate(CabinetIoConfig cfg, BundleContext context) {
        synchronized (lock) {
            File data = context == null ? null : context.getDataFile(DOOR_ALARM_FILE);
            doorAlarmFile = data == null ? null : data.toPath();
            start(cfg, null);
        }
    }

    /** Not a start: the new pins keep the contactor where the previous configuration left it. */
    @Modified
    void modified(CabinetIoConfig cfg) {
        synchronized (lock) {
            LOG.info("cabinet I/O: configuration changed, reopening the pins (the contactor keeps its state)");
            start(cfg, stop());
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            stop();
        }
    }

    private void start(CabinetIoConfig cfg, Boolean contactorClosed) {
        engine = new CabinetEngine(settings(cfg), pinsFactory(cfg.provider()), this::deliver, () -> outbox,
                this::ledPattern, System::currentTimeMillis, new EngineMemory(contactorClosed, doorAlarmFile))
                .start();
        applySite();
    }

    /** Stops the engine; returns the contactor state it last commanded (null when never known). */
    private Boolean stop() {
        CabinetEngine e = engine;
        engine = null;
        if (e == null) {
            return null;
        }
        e.close();
        return e.contactorCommanded();
    }

    static EngineSettings settings(CabinetIoConfig c) {
        PinAssignment pins = new PinAssignment(c.contactorPin(), c.contactorActiveHigh(), c.feedbackPin(),
                c.feedbackActiveHigh(), c.doorPin(), c.doorActiveHigh(), c.photocellPin(), c.photocellActiveHigh(),
                c.ledPin(), c.ledActiveHigh(), c.inputPull(), c.contactorOnAtStart());
        return new EngineSettings(pins, MaintenanceWindows.parse(c.maintenanceWindows()), c.scanPeriodMs(),
                c.debounceMs(), c.samplePeriodMs(), c.feedbackSettleMs(), c.retryInitialMs(), c.retryMaxMs());
    }

    /** A bad provider name keeps the device OFFLINE with the reason, instead of failing activation. */
    static PinsFactory pinsFactory(String provider) {
        try {
            return Pi4jPins.factory(GpioProvider.parse(provider));
        } catch (IllegalArgumentException e) {
            LOG.error("cabinet I/O: {}", e.getMessage());
            return pins -> {
                throw new GpioUnavailableException(e.getMessage(), null);
            };
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService service, Map<String, Object> properties) {
        synchronized (lock) {
            siteService = service;
            LOG.info("cabinet I/O: site revision {}", properties.get(SiteService.REVISION));
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
            CabinetEngine e = engine;
            if (e != null) {
                // a reload re-registers the service: wait a little for the new one before dropping the device
                e.siteGone(SITE_GONE_GRACE_MS);
            }
        }
    }

    /** Called with the lock held. */
    private void applySite() {
        CabinetEngine e = engine;
        SiteService s = siteService;
        if (e == null || s == null) {
            return;
        }
        try {
            Site site = s.site();
            Map<String, DeviceProfile> profiles = s.profiles();
            e.update(site == null ? Site.EMPTY : site, profiles == null ? Map.of() : profiles);
        } catch (RuntimeException ex) {
            LOG.error("cabinet I/O: the site service failed; no cabinet device served", ex);
            e.update(Site.EMPTY, Map.of());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(SampleSink sink) {
        sinks.add(sink);
    }

    void removeSink(SampleSink sink) {
        sinks.remove(sink);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOutbox(Outbox o) {
        outbox = o;
    }

    void unbindOutbox(Outbox o) {
        if (outbox == o) {
            outbox = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUplink(UplinkMonitor monitor) {
        uplink = monitor;
    }

    void unbindUplink(UplinkMonitor monitor) {
        if (uplink == monitor) {
            uplink = null;
        }
    }

    /**
     * The other drivers, for the LED. The target leaves this component's own registration out: SCR would otherwise
     * find a cycle getting this service for itself while it activates (its own devices' health is known anyway).
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(component.name=org.cityedge.cabinet.io.internal.CabinetIoComponent))")
    void addDriver(FieldDevices driver) {
        if (driver != this) {
            drivers.add(driver);
        }
    }

    void removeDriver(FieldDevices driver) {
        drivers.remove(driver);
    }

    private void deliver(List<Sample> samples) {
        List<Sample> batch = List.copyOf(samples);
        for (SampleSink sink : sinks) {
            try {
                sink.accept(batch);
            } catch (RuntimeException e) {
                LOG.warn("cabinet I/O: sample sink {} failed", sink.getClass().getName(), e);
            }
        }
    }

    /** Computed on the engine's LED thread about once a second (never on the scan thread). */
    LedPattern ledPattern() {
        SiteService s = siteService;
        boolean siteLoaded;
        try {
            siteLoaded = s != null && s.site() != null && !s.site().devices().isEmpty();
        } catch (RuntimeException e) {
            siteLoaded = false;
        }
        UplinkStatus status = null;
        UplinkMonitor m = uplink;
        try {
            status = m == null ? null : m.status();
        } catch (RuntimeException e) {
            LOG.debug("cabinet I/O: uplink status failed", e);
        }
        List<DeviceHealth> all = new ArrayList<>(health());
        for (FieldDevices driver : drivers) {
            try {
                all.addAll(driver.health());
            } catch (RuntimeException e) {
                LOG.debug("cabinet I/O: health of {} failed", driver, e);
            }
        }
        return LedPattern.select(siteLoaded, status, all);
    }

    @Override
    protected FieldDevices activeEngine() {
        return engine;
    }
}
