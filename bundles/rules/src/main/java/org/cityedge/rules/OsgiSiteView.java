package org.cityedge.rules;

import java.util.HashMap;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.rules.engine.SiteView;

/** The site as the site bundle serves it: devices, groups, and each profile's points (bitfield members too). */
final class OsgiSiteView implements SiteView {

    private final SiteService service;

    OsgiSiteView(SiteService service) {
        this.service = service;
    }

    @Override
    public Site site() {
        return service.site();
    }

    @Override
    public Map<String, Boolean> points(String profileId) {
        DeviceProfile profile = service.profiles().get(profileId);
        if (profile == null) {
            return null;
        }
        Map<String, Boolean> points = new HashMap<>();
        for (PointDefinition p : profile.points()) {
            points.put(p.name(), p.writable());
            p.bits().values().forEach(bit -> points.putIfAbsent(bit, false));
        }
        return points;
    }
}
