package org.cityedge.cabinet.io.internal.engine;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;

/** The site device the cabinet's pins belong to, with its profile and the site's time zone. */
record CabinetDevice(String id, String bus, DeviceProfile profile, ZoneId zone) {

    static final String CONTACTOR = "contactorState", DOOR = "doorOpen", PHOTOCELL = "photocellDark";

    /** Every device of the site on a GPIO bus with a GPIO profile, in site order. */
    static List<CabinetDevice> of(Site site, Map<String, DeviceProfile> profiles) {
        ZoneId zone = zone(site.timezone());
        return site.devices().stream()
                .filter(d -> site.bus(d.bus()).map(b -> b.type() == BusType.GPIO).orElse(false))
                .map(d -> withProfile(d, profiles.get(d.profile()), zone))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<CabinetDevice> withProfile(DeviceDefinition d, DeviceProfile p, ZoneId zone) {
        return p == null || p.protocol() != Protocol.GPIO ? Optional.empty()
                : Optional.of(new CabinetDevice(d.id(), d.bus(), p, zone));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    Optional<PointDefinition> point(String name) {
        return profile.points().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    String unit(String point) {
        return point(point).map(PointDefinition::unit).orElse("");
    }
}
