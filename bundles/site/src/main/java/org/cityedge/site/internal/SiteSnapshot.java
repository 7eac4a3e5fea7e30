package org.cityedge.site.internal;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;

/** One loaded state: what the service answers until the next successful reload. Immutable. */
record SiteSnapshot(Site site, Map<String, DeviceProfile> profiles, List<ConfigProblem> problems) {

    static final SiteSnapshot EMPTY = new SiteSnapshot(Site.EMPTY, Map.of(), List.of());

    SiteSnapshot {
        profiles = Map.copyOf(profiles);
        problems = List.copyOf(problems);
    }

    /** True when consumers would see a different site or different profiles. */
    boolean differsFrom(SiteSnapshot other) {
        return !site.equals(other.site) || !profiles.equals(other.profiles);
    }
}
