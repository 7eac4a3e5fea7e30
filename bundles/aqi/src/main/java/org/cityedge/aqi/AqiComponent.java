package org.cityedge.aqi;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.SiteService;
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
 * The VN_AQI producer on the sample whiteboard: a {@link SampleSink} that receives every driver's samples and
 * sends the derived ones to every other sink (uplink, rules, console). It registers with
 * {@value #ROLE_PROPERTY}={@value #DERIVED_PRODUCER} and binds only sinks without it, so it never feeds itself or
 * another producer of derived samples. The site service is dynamic: a site reload keeps the stations' history.
 */
@Component(service = SampleSink.class, immediate = true, configurationPid = AqiComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = AqiComponent.ROLE_PROPERTY + "=" + AqiComponent.DERIVED_PRODUCER)
@Designate(ocd = AqiConfig.class)
public class AqiComponent implements SampleSink {

    static final String PID = "org.cityedge.aqi";
    static final String ROLE_PROPERTY = "cityedge.sink.role";
    static final String DERIVED_PRODUCER = "derived-producer";
    static final String SINK_FILTER = "(!(" + ROLE_PROPERTY + "=" + DERIVED_PRODUCER + "))";
    /** Hours close within this much of being due; cheap, and robust to clock steps (no sleeping until a time). */
    private static final long TICK_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(AqiComponent.class);

    private final List<SampleSink> sinks = new CopyOnWriteArrayList<>();
    private final AtomicLong sinkFailures = new AtomicLong();
    private final Clock clock;
    private volatile SiteService siteService;
    private volatile AqiEngine engine;
    private volatile boolean enabled;
    private ScheduledExecutorService timer;

    public AqiComponent() {
        this(Clock.systemUTC());
    }

    AqiComponent(Clock clock) {
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService service) {
        siteService = service;
    }

    void unbindSiteService(SiteService service) {
        if (siteService == service) {
            siteService = null;
        }
    }

    @Reference(name = "sinks", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = SINK_FILTER)
    void addSink(SampleSink sink) {
        sinks.add(sink);
    }

    void removeSink(SampleSink sink) {
        sinks.remove(sink);
    }

    @Activate
    void activate(AqiConfig config) {
        enabled = config.enabled();
        engine = new AqiEngine(clock, new SiteStations(() -> siteService), settings(config), this::emit);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cityedge-aqi");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    @Modified
    void modified(AqiConfig config) {
        enabled = config.enabled();
        engine.reconfigure(settings(config));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void accept(List<Sample> samples) {
        AqiEngine e = engine;
        if (enabled && e != null && samples != null && !samples.isEmpty()) {
            e.accept(samples);
        }
    }

    void tick() {
        try {
            if (enabled) {
                engine.tick();
            }
        } catch (RuntimeException e) { // a scheduled task that throws is never run again
            LOG.error("VN_AQI: hourly computation failed; trying again in {} s", TICK_SECONDS, e);
        }
    }

    /** One failing sink must not keep the index from the others. */
    void emit(List<Sample> samples) {
        for (SampleSink sink : sinks) {
            try {
                sink.accept(samples);
            } catch (RuntimeException e) {
                sinkFailures.incrementAndGet();
                LOG.warn("VN_AQI: sink {} refused the index of {}: {}", sink.getClass().getName(),
                        samples.get(0).deviceId(), e.toString());
            }
        }
    }

    AqiEngine engine() {
        return engine;
    }

    long sinkFailures() {
        return sinkFailures.get();
    }

    static AqiSettings settings(AqiConfig config) {
        return new AqiSettings(1000L * within(config.hourCloseDelaySeconds(), "hourCloseDelaySeconds", 0, 900, 60),
                AqiSettings.slotsFor(within(config.minHourCoveragePercent(), "minHourCoveragePercent", 0, 100, 75)),
                1000L * within(config.liveIntervalSeconds(), "liveIntervalSeconds", 0, 3600, 0));
    }

    private static int within(int value, String field, int min, int max, int fallback) {
        if (value >= min && value <= max) {
            return value;
        }
        LOG.warn("config: {}: {}: {} is outside {}-{}; using {}", PID, field, value, min, max, fallback);
        return fallback;
    }
}
