package org.cityedge.control.arbiter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.SystemTimers;
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
 * Registers the {@link PointArbiter} as the gateway's {@link PointControl}, and as a {@link SampleSink} for its drift
 * watch. Every reference is dynamic, so a site reload, a driver restart or an uplink restart never drops the claims
 * held here. Immediate: claims must be kept from the start, whoever asks first.
 */
@Component(service = {PointControl.class, SampleSink.class}, immediate = true,
        configurationPid = PointControlComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PointControlConfig.class)
public class PointControlComponent implements PointControl, SampleSink {

    static final String PID = "org.cityedge.control.points";
    private static final Logger LOG = LoggerFactory.getLogger(PointControlComponent.class);

    private final List<FieldDevices> drivers = new CopyOnWriteArrayList<>();
    private volatile SiteService site;
    private volatile Outbox outbox;
    private SystemTimers timers;
    private PointArbiter arbiter;

    @Activate
    void activate(PointControlConfig config) {
        timers = new SystemTimers("cityedge-control");
        arbiter = new PointArbiter(new FieldRouter(() -> drivers), () -> site, settings(config), timers, timers,
                () -> outbox);
    }

    @Modified
    void modified(PointControlConfig config) {
        arbiter.reconfigure(settings(config));
    }

    @Deactivate
    void deactivate() {
        arbiter.close();
        timers.close();
        LOG.info("control: point control stopped ({})", arbiter.counters());
    }

    private static ArbiterSettings settings(PointControlConfig c) {
        return new ArbiterSettings(c.driftGraceSeconds() * 1000L, c.driftMaxRewrites(),
                c.driftBackoffCapSeconds() * 1000L, c.writeTimeoutSeconds() * 1000L);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFieldDevices(FieldDevices driver) {
        drivers.add(driver);
    }

    void removeFieldDevices(FieldDevices driver) {
        drivers.remove(driver);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService service) {
        site = service;
    }

    void updatedSiteService(SiteService service) {
        site = service;
    }

    void unbindSiteService(SiteService service) {
        if (site == service) {
            site = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOutbox(Outbox service) {
        outbox = service;
    }

    void unbindOutbox(Outbox service) {
        if (outbox == service) {
            outbox = null;
        }
    }

    @Override
    public CompletionStage<ClaimResult> claim(PointClaim claim) {
        return arbiter.claim(claim);
    }

    @Override
    public void release(String deviceId, String point, ControlSource source, String owner) {
        arbiter.release(deviceId, point, source, owner);
    }

    @Override
    public void releaseAll(ControlSource source, String owner) {
        arbiter.releaseAll(source, owner);
    }

    @Override
    public Optional<PointClaim> effective(String deviceId, String point) {
        return arbiter.effective(deviceId, point);
    }

    @Override
    public List<PointClaim> claims(String deviceId) {
        return arbiter.claims(deviceId);
    }

    @Override
    public void accept(List<Sample> samples) {
        arbiter.accept(samples);
    }
}
