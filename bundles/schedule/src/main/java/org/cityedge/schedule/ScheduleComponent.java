package org.cityedge.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.cityedge.api.control.DimmingPlan;
import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PlanStep;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.schedule.document.BuiltinSchedule;
import org.cityedge.schedule.document.Schedule;
import org.cityedge.schedule.run.ScheduleEngine;
import org.cityedge.schedule.run.ScheduleLoop;
import org.cityedge.schedule.run.ScheduleStore;
import org.cityedge.schedule.run.SiteView;
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
 * The dimming schedule of the gateway: handles {@code schedule} documents for the command service, serves the
 * dimming plan, and drives the lamps through the point arbiter. Immediate, so the lamps are claimed from start,
 * before anyone asks. Every reference is optional and dynamic: a site reload, an arbiter restart or a missing
 * verifier never stops the schedule.
 */
@Component(service = {PolicyDocumentHandler.class, DimmingPlan.class}, immediate = true,
        configurationPid = ScheduleComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ScheduleConfig.class)
public class ScheduleComponent implements PolicyDocumentHandler, DimmingPlan {

    static final String PID = "org.cityedge.schedule";
    static final String STATE_DIR_PROPERTY = "cityedge.state";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleComponent.class);
    private static final LocalTime DEFAULT_SUNSET = LocalTime.of(18, 0);
    private static final LocalTime DEFAULT_SUNRISE = LocalTime.of(6, 0);

    // Guarded by this. References are bound before activation: they wait here for the engine.
    private ScheduleEngine engine;
    private ScheduleLoop loop;
    private SiteService siteService;
    private PointControl pointControl;
    private DocumentVerifier verifier;
    private LocalTime fallbackSunset = DEFAULT_SUNSET;
    private LocalTime fallbackSunrise = DEFAULT_SUNRISE;
    private final Clock clock;

    public ScheduleComponent() {
        this(Clock.systemUTC());
    }

    /** For tests: a clock that runs a night in milliseconds. */
    ScheduleComponent(Clock clock) {
        this.clock = clock;
    }

    @Activate
    synchronized void activate(BundleContext context, ScheduleConfig config) {
        String state = context.getProperty(STATE_DIR_PROPERTY);
        Path stateDir = Path.of(state == null || state.isBlank() ? "state" : state);
        Path dir = config.storeDir().isBlank() ? stateDir.resolve("schedule") : Path.of(config.storeDir());
        engine = new ScheduleEngine(clock, new ScheduleStore(dir));
        applyConfig(config);
        engine.setVerifier(verifier);
        engine.setPointControl(pointControl);
        applySite();
        engine.start();
        loop = new ScheduleLoop(engine, replan(config)).start();
    }

    @Modified
    synchronized void modified(ScheduleConfig config) {
        applyConfig(config);
        applySite();
        loop.setMaxSleep(replan(config));
    }

    @Deactivate
    synchronized void deactivate() {
        loop.close();
        // The claims stay with the arbiter until their step ends: a restart of this bundle leaves the lamps as set.
        engine = null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindSiteService(SiteService service, Map<String, Object> properties) {
        siteService = service;
        LOG.info("schedule: site revision {}", properties.get(SiteService.REVISION));
        applySite();
    }

    synchronized void updatedSiteService(SiteService service, Map<String, Object> properties) {
        bindSiteService(service, properties);
    }

    synchronized void unbindSiteService(SiteService service) {
        if (siteService == service) {
            siteService = null; // the lamps known so far keep their schedule until a site comes back
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindPointControl(PointControl control) {
        pointControl = control;
        if (engine != null) {
            engine.setPointControl(control);
        }
    }

    synchronized void unbindPointControl(PointControl control) {
        if (pointControl == control) {
            bindPointControl(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindVerifier(DocumentVerifier documentVerifier) {
        verifier = documentVerifier;
        if (engine != null) {
            engine.setVerifier(documentVerifier);
        }
    }

    synchronized void unbindVerifier(DocumentVerifier documentVerifier) {
        if (verifier == documentVerifier) {
            bindVerifier(null);
        }
    }

    private void applyConfig(ScheduleConfig c) {
        fallbackSunset = time("fallbackSunset", c.fallbackSunset(), DEFAULT_SUNSET, true);
        fallbackSunrise = time("fallbackSunrise", c.fallbackSunrise(), DEFAULT_SUNRISE, false);
        engine.setBuiltin(builtin(c));
    }

    static Schedule builtin(ScheduleConfig c) {
        LocalTime reducedAt = c.reducedAt().isBlank() ? null : time("reducedAt", c.reducedAt(), null, null);
        return BuiltinSchedule.of(clamp("onOffsetMinutes", c.onOffsetMinutes(), -180, 180, 0),
                clamp("onLevel", c.onLevel(), 1, 100, 100), reducedAt,
                clamp("reducedLevel", c.reducedLevel(), 1, 100, 50),
                clamp("offOffsetMinutes", c.offOffsetMinutes(), -180, 180, 0));
    }

    private static Duration replan(ScheduleConfig c) {
        return Duration.ofSeconds(clamp("replanSeconds", c.replanSeconds(), 1, 3600, 60));
    }

    private void applySite() {
        if (engine == null || siteService == null) {
            return;
        }
        try {
            Site site = siteService.site();
            engine.setSite(SiteView.lamps(site, siteService.profiles()),
                    SiteView.sunClock(site, fallbackSunset, fallbackSunrise));
        } catch (RuntimeException e) {
            LOG.error("schedule: cannot read the site; the lamps known so far keep their schedule", e);
        }
    }

    /** A time of the configuration, or {@code fallback} with a warning; {@code afternoon} null: any time. */
    private static LocalTime time(String field, String text, LocalTime fallback, Boolean afternoon) {
        try {
            LocalTime t = LocalTime.parse(text.trim());
            if (afternoon == null || afternoon == !t.isBefore(LocalTime.NOON)) {
                return t;
            }
            LOG.warn("config: {}: {} must be {} 12:00; using {}", field, text, afternoon ? "from" : "before",
                    fallback);
        } catch (DateTimeParseException e) {
            LOG.warn("config: {}: {} is not a time HH:MM; using {}", field, text, fallback);
        }
        return fallback;
    }

    private static int clamp(String field, int value, int min, int max, int fallback) {
        if (value < min || value > max) {
            LOG.warn("config: {}: {} is outside {}..{}; using {}", field, value, min, max, fallback);
            return fallback;
        }
        return value;
    }

    private synchronized ScheduleEngine engine() {
        return engine;
    }

    @Override
    public String type() {
        return ScheduleEngine.TYPE;
    }

    /** 0 while the component is stopped (a caller may still hold this service for a moment). */
    @Override
    public long activeVersion() {
        ScheduleEngine e = engine();
        return e == null ? 0 : e.activeVersion();
    }

    @Override
    public long install(VerifiedDocument document) throws DocumentRefusedException {
        ScheduleEngine e = engine();
        if (e == null) {
            throw new DocumentRefusedException("busy", "the schedule component is stopped or restarting; nothing"
                    + " was installed, send it again");
        }
        return e.install(document);
    }

    /** Empty while the component is stopped. */
    @Override
    public List<PlanStep> plan(long from, int hours) {
        ScheduleEngine e = engine();
        return e == null ? List.of() : e.plan(from, hours);
    }
}
