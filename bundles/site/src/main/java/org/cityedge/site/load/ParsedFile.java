package org.cityedge.site.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityedge.api.site.ConfigProblem;

/**
 * A configuration file read and checked against its schema: either a tree ready for mapping, or the problems that
 * stop it (unreadable, not YAML, schema failures).
 *
 * @param name     the file's name in problems
 * @param tree     the parsed document, or null when it could not be read
 * @param problems what is wrong; schema failures come with their paths in {@code failures}
 * @param failures the schema failures, so a caller can decide which part of the document they spoil
 */
record ParsedFile(String name, YamlTree tree, List<ConfigProblem> problems, List<SchemaCheck.Failure> failures) {

    /** Something that opens the file's text; a path or a class-path resource. */
    interface Source {
        Reader open() throws IOException;
    }

    static ParsedFile of(Path path, SchemaCheck schema) {
        return of(path.toString(), () -> Files.newBufferedReader(path, StandardCharsets.UTF_8), schema);
    }

    static ParsedFile of(String name, Source source, SchemaCheck schema) {
        YamlTree tree;
        try (Reader in = source.open()) {
            tree = YamlTreeReader.read(in);
        } catch (YamlSyntaxException e) {
            return unreadable(name, e.line(), e.field(), e.getMessage());
        } catch (IOException e) {
            return unreadable(name, 0, "", "cannot read: " + e);
        }
        List<SchemaCheck.Failure> failures = schema.validate(tree.root());
        Problems problems = new Problems(name, tree);
        failures.forEach(f -> problems.add(f.path(), f.message()));
        return new ParsedFile(name, tree, problems.list(), failures);
    }

    private static ParsedFile unreadable(String name, int line, String field, String message) {
        return new ParsedFile(name, null, List.of(new ConfigProblem(name, line, field, message)), List.of());
    }

    boolean readable() {
        return tree != null;
    }
}
