package org.cityedge.site.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityedge.api.site.ConfigProblem;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tells which problems of a new version of a site file were not there before. A problem is identified by the field
 * it concerns, with a bus or device named by its id rather than its position ({@code devices[3].unitId} becomes
 * {@code devices[id=lamp-2].unitId}), so adding or removing one device does not make its neighbours' old problems
 * look new. Messages are not compared: the writer may spell a field differently than the file did (an absent field
 * for an explicit null), which changes the message but not what is wrong.
 */
final class ProblemKeys {

    private static final Pattern ENTRY = Pattern.compile("^(buses|devices)\\[(\\d+)](.*)$");

    private ProblemKeys() {
    }

    /** The problems of {@code after} beyond those {@code before} had (each old problem excuses one new one). */
    static List<ConfigProblem> added(List<ConfigProblem> after, JsonNode afterRoot, List<ConfigProblem> before,
            JsonNode beforeRoot) {
        Map<String, Integer> excused = new HashMap<>();
        before.forEach(p -> excused.merge(key(p.field(), beforeRoot), 1, Integer::sum));
        List<ConfigProblem> added = new ArrayList<>();
        for (ConfigProblem p : after) {
            String key = key(p.field(), afterRoot);
            if (excused.getOrDefault(key, 0) > 0) {
                excused.merge(key, -1, Integer::sum);
            } else {
                added.add(p);
            }
        }
        return added;
    }

    /** The field with a list position replaced by the entry's id when it has one; {@code root} may be null. */
    static String key(String field, JsonNode root) {
        Matcher m = field == null ? null : ENTRY.matcher(field);
        if (m == null || !m.matches() || root == null) {
            return field == null ? "" : field;
        }
        JsonNode id = root.path(m.group(1)).path(Integer.parseInt(m.group(2))).path("id");
        return id.isTextual() ? m.group(1) + "[id=" + id.asText() + "]" + m.group(3) : field;
    }
}
