package org.cityedge.site.load;

import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.site.ConfigProblem;

/** Collects the problems of one file, turning field paths into lines through the file's tree. */
final class Problems {

    private final String file;
    private final YamlTree tree;
    private final List<ConfigProblem> list = new ArrayList<>();

    Problems(String file, YamlTree tree) {
        this.file = file;
        this.tree = tree;
    }

    /** A problem with the file as a whole (cannot be read, not found). */
    static ConfigProblem ofFile(String file, int line, String message) {
        return new ConfigProblem(file, line, "", message);
    }

    void add(FieldPath path, String message) {
        list.add(new ConfigProblem(file, tree == null ? 0 : tree.lineOf(path), path.toString(), message));
    }

    int size() {
        return list.size();
    }

    List<ConfigProblem> list() {
        return List.copyOf(list);
    }
}
