package org.cityedge.site.internal;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;

/**
 * The registered service object: stays the same object across reloads and answers from the latest snapshot, so a
 * consumer holding it never sees a mix of two loads.
 */
final class CurrentSite implements SiteService {

    private volatile SiteSnapshot snapshot = SiteSnapshot.EMPTY;

    SiteSnapshot snapshot() {
        return snapshot;
    }

    void set(SiteSnapshot next) {
        snapshot = next;
    }

    @Override
    public Site site() {
        return snapshot.site();
    }

    @Override
    public Map<String, DeviceProfile> profiles() {
        return snapshot.profiles();
    }

    @Override
    public List<ConfigProblem> problems() {
        return snapshot.problems();
    }
}
