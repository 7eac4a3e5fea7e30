package org.cityedge.site.load;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;

/**
 * The outcome of loading a site file.
 *
 * @param site     the site with only its usable buses and devices; {@link Site#EMPTY} when the file does not exist;
 *                 {@code null} when the file exists but cannot be used at all (syntax error, bad site identity), so
 *                 a caller that has a previous site should keep it
 * @param profiles the valid profiles by id
 * @param problems everything found wrong, in file then line order
 */
public record LoadResult(Site site, Map<String, DeviceProfile> profiles, List<ConfigProblem> problems) {

    public LoadResult {
        profiles = Map.copyOf(profiles);
        problems = List.copyOf(problems);
    }

    /** True when the file could be used, possibly without some of its devices. */
    public boolean usable() {
        return site != null;
    }
}
