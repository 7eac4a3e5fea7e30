package org.cityedge.site.load;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed YAML document and the line each value starts on (for a member: the line of its key), so problems
 * found later, by the schema or by the rules, can name the line.
 */
record YamlTree(JsonNode root, Map<String, Integer> lines) {

    YamlTree {
        lines = Map.copyOf(lines);
    }

    /** The 1-based line of the value at {@code path}, or of its nearest enclosing value; 0 when unknown. */
    int lineOf(FieldPath path) {
        for (FieldPath p = path;; p = p.parent()) {
            Integer line = lines.get(p.pointer());
            if (line != null) {
                return line;
            }
            if (p.isRoot()) {
                return 0;
            }
        }
    }
}
