package org.cityedge.coap.internal.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.coap.internal.DriverConfig;
import org.eclipse.californium.core.coap.Request;

/**
 * Points of a device that share a resource path and format: read with one request or one Observe relation. Mutable
 * state is guarded by the owning {@link DeviceClient}'s lock.
 */
final class ResourceGroup {

    final String path;
    final CoapFormat format;
    final List<PointDefinition> points;
    final boolean observe;
    final long periodMs;

    /** Observe state: the registration in force, when it last spoke, its Max-Age, and the retry delay. */
    Request relation;
    boolean observing;
    long lastNotifyMs;
    long maxAgeMs = 60_000;
    long backoffMs;
    /** Observe number and arrival (nanoRealtime) of the relation's newest notification; -1 before the first. */
    int observeSeq = -1;
    long observeNanos;
    ScheduledFuture<?> pollTask;
    ScheduledFuture<?> watchdog;

    private ResourceGroup(String path, CoapFormat format, List<PointDefinition> points, DriverConfig config) {
        this.path = path;
        this.format = format;
        this.points = List.copyOf(points);
        this.observe = points.stream().anyMatch(p -> p.coap().observe());
        this.periodMs = points.stream().mapToLong(p -> config.period(p.poll())).min().orElse(config.normalPeriodMs());
    }

    static List<ResourceGroup> of(DeviceProfile profile, DriverConfig config) {
        Map<String, List<PointDefinition>> byKey = new LinkedHashMap<>();
        for (PointDefinition p : profile.points()) {
            if (p.coap() != null) {
                byKey.computeIfAbsent(p.coap().path() + "|" + p.coap().format(), k -> new ArrayList<>()).add(p);
            }
        }
        List<ResourceGroup> groups = new ArrayList<>();
        for (List<PointDefinition> points : byKey.values()) {
            groups.add(new ResourceGroup(points.get(0).coap().path(), points.get(0).coap().format(), points, config));
        }
        return groups;
    }

    @Override
    public String toString() {
        return path + " (" + format + ")";
    }
}
