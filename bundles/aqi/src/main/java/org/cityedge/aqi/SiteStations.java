package org.cityedge.aqi;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AirQualityStations} read from the {@link SiteService}: devices whose profile has kind air-quality. The
 * answer is rebuilt only when the site service hands out a new site or profile map (it does on every reload).
 */
final class SiteStations implements AirQualityStations {

    private static final Logger LOG = LoggerFactory.getLogger(SiteStations.class);

    private record Snapshot(Site site, Map<String, DeviceProfile> profiles, Map<String, Set<Pollutant>> stations,
            ZoneId zone) {
    }

    private static final Snapshot NONE = new Snapshot(null, null, Map.of(), ZoneOffset.UTC);

    private final Supplier<SiteService> service;
    private volatile Snapshot snapshot = NONE;

    SiteStations(Supplier<SiteService> service) {
        this.service = service;
    }

    @Override
    public Set<Pollutant> pollutantsOf(String deviceId) {
        return current().stations().getOrDefault(deviceId, Set.of());
    }

    @Override
    public ZoneId zone() {
        return current().zone();
    }

    private Snapshot current() {
        SiteService site = service.get();
        if (site == null) {
            return NONE;
        }
        Site s = site.site();
        Map<String, DeviceProfile> profiles = site.profiles();
        Snapshot known = snapshot;
        if (known.site() == s && known.profiles() == profiles) {
            return known;
        }
        Snapshot fresh = build(s, profiles);
        snapshot = fresh;
        return fresh;
    }

    private static Snapshot build(Site site, Map<String, DeviceProfile> profiles) {
        Map<String, Set<Pollutant>> stations = new HashMap<>();
        if (site != null && profiles != null) {
            for (DeviceDefinition device : site.devices()) {
                DeviceProfile profile = profiles.get(device.profile());
                if (profile == null || profile.kind() != DeviceKind.AIR_QUALITY) {
                    continue;
                }
                Set<Pollutant> measured = EnumSet.noneOf(Pollutant.class);
                for (Pollutant p : Pollutant.values()) {
                    profile.point(p.point).ifPresent(point -> measured.add(p));
                }
                if (!measured.isEmpty()) {
                    stations.put(device.id(), Collections.unmodifiableSet(measured)); // keeps enum order
                }
            }
        }
        return new Snapshot(site, profiles, Map.copyOf(stations), zoneOf(site));
    }

    private static ZoneId zoneOf(Site site) {
        if (site == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(site.timezone());
        } catch (DateTimeException e) {
            LOG.warn("VN_AQI: site timezone '{}' is not an IANA time zone; hours are counted in UTC",
                    site.timezone());
            return ZoneOffset.UTC;
        }
    }
}
