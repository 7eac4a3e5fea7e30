package org.cityedge.site.load;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;

/**
 * The outcome of loading device profiles.
 *
 * @param profiles the valid profiles by id (a malformed profile is left out whole)
 * @param problems everything found wrong, in file then line order
 */
public record ProfileLoadResult(Map<String, DeviceProfile> profiles, List<ConfigProblem> problems) {

    public ProfileLoadResult {
        profiles = Map.copyOf(profiles);
        problems = List.copyOf(problems);
    }
}
