package org.cityedge.site.load;

import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;

/** Reads one profile file: syntax, schema, then {@link ProfileRules}. Any problem rejects the profile whole. */
final class ProfileReader {

    private ProfileReader() {
    }

    /** A profile file's outcome: the profile, or null with the reasons. */
    record Outcome(DeviceProfile profile, List<ConfigProblem> problems) {
    }

    static Outcome read(ParsedFile file) {
        if (!file.readable() || !file.problems().isEmpty()) {
            return new Outcome(null, file.problems());
        }
        Problems problems = new Problems(file.name(), file.tree());
        DeviceProfile profile = ProfileMapper.map(file.tree().root(), file.name(), problems);
        if (profile != null) {
            ProfileRules.check(profile, problems);
        }
        List<ConfigProblem> all = new ArrayList<>(problems.list());
        return new Outcome(all.isEmpty() ? profile : null, all);
    }
}
