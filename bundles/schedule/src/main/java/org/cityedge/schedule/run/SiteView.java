package org.cityedge.schedule.run;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.schedule.astro.AstronomicalSunClock;
import org.cityedge.schedule.astro.FixedSunClock;
import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.plan.Lamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the schedule takes from the site file: the lamps (with their groups) and the astronomical clock. */
public final class SiteView {

    private static final Logger LOG = LoggerFactory.getLogger(SiteView.class);

    private SiteView() {
    }

    /** Devices whose profile has a writable dimLevel, powerState or contactorState, in site order. */
    public static List<Lamp> lamps(Site site, Map<String, DeviceProfile> profiles) {
        List<Lamp> lamps = new ArrayList<>();
        for (DeviceDefinition d : site.devices()) {
            DeviceProfile p = profiles.get(d.profile());
            if (p == null) {
                continue;
            }
            boolean dim = writable(p, Lamp.DIM_LEVEL);
            boolean power = writable(p, Lamp.POWER_STATE);
            boolean contactor = writable(p, Lamp.CONTACTOR_STATE);
            if (dim || power || contactor) {
                lamps.add(new Lamp(d.id(), d.group(), dim, power, contactor));
            }
        }
        return lamps;
    }

    private static boolean writable(DeviceProfile p, String point) {
        return p.point(point).filter(PointDefinition::writable).filter(d -> d.name().equals(point)).isPresent();
    }

    /** The site's clock; fixed sunset and sunrise times when the site file gives no position. */
    public static SunClock sunClock(Site site, LocalTime fallbackSunset, LocalTime fallbackSunrise) {
        ZoneId zone = zone(site.timezone());
        if (site.location() == null) {
            LOG.warn("schedule: the site file gives no location; sunset taken as {} and sunrise as {} ({})",
                    fallbackSunset, fallbackSunrise, zone);
            return new FixedSunClock(fallbackSunset, fallbackSunrise, zone);
        }
        return new AstronomicalSunClock(site.location().latitude(), site.location().longitude(), zone);
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            LOG.warn("schedule: unknown time zone {}; using UTC", id);
            return ZoneOffset.UTC;
        }
    }
}
