package org.cityedge.rules.engine;

import java.util.Map;

import org.cityedge.api.site.Site;

/** What the rules need of the site: its devices and groups, and the points each device profile has. */
public interface SiteView {

    /** The current site; {@link Site#EMPTY} until one is loaded. */
    Site site();

    /** The points of a profile, name to writable; null when the profile is not known here. */
    Map<String, Boolean> points(String profileId);

    /** A view of nothing: no devices, no profiles. */
    SiteView NONE = new SiteView() {
        @Override
        public Site site() {
            return Site.EMPTY;
        }

        @Override
        public Map<String, Boolean> points(String profileId) {
            return null;
        }
    };
}
