package org.cityedge.control.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;

/**
 * The demo site (deploy/demo/site.yaml: 8 lamps in circuit-a and circuit-b, a cabinet, sensors) with the built-in
 * profiles, loaded by the real site loader, as a {@link SiteService}.
 */
public record DemoSite(Site site, Map<String, DeviceProfile> profiles) implements SiteService {

    public static final Path FILE = Path.of("../../deploy/demo/site.yaml");

    public static DemoSite load() {
        LoadResult loaded = SiteFiles.load(FILE, List.of());
        if (!loaded.problems().isEmpty()) {
            throw new IllegalStateException("the demo site has problems: " + loaded.problems());
        }
        return new DemoSite(loaded.site(), loaded.profiles());
    }

    @Override
    public List<ConfigProblem> problems() {
        return List.of();
    }

    /** The same site where one profile's point has another range, e.g. a driver that dims from 10 % only. */
    public DemoSite withRange(String profileId, String point, Double min, Double max) {
        DeviceProfile p = profiles.get(profileId);
        List<PointDefinition> points = p.points().stream().map(d -> !d.name().equals(point) ? d
                : new PointDefinition(d.name(), d.table(), d.address(), d.type(), d.byteOrder(), d.wordOrder(),
                        d.scale(), d.offset(), d.unit(), d.access(), min, max, d.poll(), d.bits(), d.enumValues()))
                .toList();
        Map<String, DeviceProfile> changed = new HashMap<>(profiles);
        changed.put(profileId, new DeviceProfile(p.id(), p.vendor(), p.model(), p.kind(), p.fiwareType(),
                p.limits(), points, p.commands(), p.identification(), p.source()));
        return new DemoSite(site, Map.copyOf(changed));
    }

    /** The same site where one device gets a copy of its profile with another range for one point. */
    public DemoSite withDeviceRange(String deviceId, String point, Double min, Double max) {
        org.cityedge.api.site.DeviceDefinition d = site.device(deviceId).orElseThrow();
        DeviceProfile p = profiles.get(d.profile());
        String copyId = p.id() + "-narrow";
        Map<String, DeviceProfile> more = new HashMap<>(profiles);
        more.put(copyId, new DeviceProfile(copyId, p.vendor(), p.model(), p.kind(), p.fiwareType(), p.limits(),
                p.points(), p.commands(), p.identification(), p.source()));
        List<org.cityedge.api.site.DeviceDefinition> devices = site.devices().stream().map(x -> !x.id()
                .equals(deviceId) ? x : new org.cityedge.api.site.DeviceDefinition(x.id(), x.name(), x.bus(),
                        x.unitId(), copyId, x.location(), x.group())).toList();
        return new DemoSite(new Site(site.site(), site.gatewayId(), site.location(), site.timezone(), site.buses(),
                devices), Map.copyOf(more)).withRange(copyId, point, min, max);
    }

    /** The same devices under another site and gateway identity. */
    public DemoSite as(String siteName, String gatewayId) {
        return new DemoSite(new Site(siteName, gatewayId, site.location(), site.timezone(), site.buses(),
                site.devices()), profiles);
    }
}
