package org.cityedge.console.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.BusScanner;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.api.uplink.UplinkMonitor;
import org.cityedge.console.http.ApiException;

/**
 * The gateway services the console uses, as they come and go (all dynamic: the console keeps answering, and its
 * sessions live on, while a service restarts; an endpoint that needs a missing one answers 503).
 */
public final class GatewayServices {

    private final AtomicReference<Provisioning> provisioning = new AtomicReference<>();
    private final AtomicReference<SiteService> site = new AtomicReference<>();
    private final AtomicReference<PointControl> control = new AtomicReference<>();
    private final AtomicReference<UplinkMonitor> uplink = new AtomicReference<>();
    private final AtomicReference<Outbox> outbox = new AtomicReference<>();
    private final List<BusScanner> scanners = new CopyOnWriteArrayList<>();
    private final List<FieldDevices> drivers = new CopyOnWriteArrayList<>();
    private final List<PolicyDocumentHandler> policies = new CopyOnWriteArrayList<>();

    // --- binding (DS or tests) ---

    public void provisioning(Provisioning p) {
        provisioning.set(p);
    }

    public void unsetProvisioning(Provisioning p) {
        provisioning.compareAndSet(p, null);
    }

    public void siteService(SiteService s) {
        site.set(s);
    }

    public void unsetSiteService(SiteService s) {
        site.compareAndSet(s, null);
    }

    public void pointControl(PointControl c) {
        control.set(c);
    }

    public void unsetPointControl(PointControl c) {
        control.compareAndSet(c, null);
    }

    public void uplinkMonitor(UplinkMonitor u) {
        uplink.set(u);
    }

    public void unsetUplinkMonitor(UplinkMonitor u) {
        uplink.compareAndSet(u, null);
    }

    public void outbox(Outbox o) {
        outbox.set(o);
    }

    public void unsetOutbox(Outbox o) {
        outbox.compareAndSet(o, null);
    }

    public List<BusScanner> scanners() {
        return scanners;
    }

    public List<FieldDevices> drivers() {
        return drivers;
    }

    public List<PolicyDocumentHandler> policies() {
        return policies;
    }

    // --- use ---

    public Provisioning provisioning() throws ApiException {
        return required(provisioning.get(), "the provisioning service is not running");
    }

    public PointControl pointControl() throws ApiException {
        return required(control.get(), "the point arbiter (control) is not running");
    }

    /** The provisioning service when it runs (for read-only views that can do without). */
    public Optional<Provisioning> provisioningIfRunning() {
        return Optional.ofNullable(provisioning.get());
    }

    public Optional<SiteService> siteService() {
        return Optional.ofNullable(site.get());
    }

    public Optional<UplinkMonitor> uplinkMonitor() {
        return Optional.ofNullable(uplink.get());
    }

    public Optional<Outbox> outbox() {
        return Optional.ofNullable(outbox.get());
    }

    /** The current site, or the empty one before the site service runs. */
    public Site site() {
        SiteService s = site.get();
        Site current = s == null ? null : s.site();
        return current == null ? Site.EMPTY : current;
    }

    /** Loaded profiles by id. */
    public Map<String, DeviceProfile> profiles() {
        SiteService s = site.get();
        Map<String, DeviceProfile> p = s == null ? null : s.profiles();
        return p == null ? Map.of() : p;
    }

    /** The driver serving a device. */
    public Optional<FieldDevices> driverOf(String deviceId) {
        for (FieldDevices d : drivers) {
            if (d.deviceIds().contains(deviceId)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The scanner of a bus. */
    public Optional<BusScanner> scannerOf(String busId) {
        for (BusScanner s : scanners) {
            if (s.scannableBuses().contains(busId)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The running version of a policy document type ({@code ruleset}, {@code schedule}); empty when none runs. */
    public Optional<Long> policyVersion(String type) {
        for (PolicyDocumentHandler h : policies) {
            if (type.equals(h.type())) {
                return Optional.of(h.activeVersion());
            }
        }
        return Optional.empty();
    }

    private static <T> T required(T service, String missing) throws ApiException {
        if (service == null) {
            throw ApiException.unavailable(missing);
        }
        return service;
    }
}
