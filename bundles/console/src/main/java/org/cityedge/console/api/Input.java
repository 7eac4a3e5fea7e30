package org.cityedge.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.console.http.ApiException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads the fields of a JSON request and collects every problem, named by its path ({@code devices[2].unitId}),
 * so a technician sees all that is wrong at once.
 */
final class Input {

    private final JsonNode node;
    private final String path;
    private final List<FieldProblem> problems;

    private Input(JsonNode node, String path, List<FieldProblem> problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
    }

    static Input of(JsonNode root) {
        return new Input(root, "", new ArrayList<>());
    }

    private String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** True when the field is there and not null. */
    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** A nested object; a missing one reads as empty, a non-object is a problem. */
    Input object(String name) {
        JsonNode v = node.get(name);
        if (v != null && !v.isNull() && !v.isObject()) {
            problem(field(name), "must be an object");
            v = null;
        }
        return new Input(v, field(name), problems);
    }

    /** The elements of an array field (missing: none). */
    List<Input> array(String name) {
        JsonNode v = node.get(name);
        List<Input> items = new ArrayList<>();
        if (v == null || v.isNull()) {
            return items;
        }
        if (!v.isArray()) {
            problem(field(name), "must be an array");
            return items;
        }
        for (int i = 0; i < v.size(); i++) {
            items.add(new Input(v.get(i), field(name) + "[" + i + "]", problems));
        }
        return items;
    }

    /** This element as a whole must be an object. */
    boolean isObject() {
        if (!node.isObject()) {
            problem(path, "must be an object");
            return false;
        }
        return true;
    }

    String text(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field(name), "required");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(field(name), "must be text");
            return null;
        }
        return v.asText();
    }

    Integer integer(String name, Integer otherwise, long min, long max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (otherwise == null) {
                problem(field(name), "required");
            }
            return otherwise;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problem(field(name), "must be a whole number within " + min + ".." + max);
            return otherwise;
        }
        return v.intValue();
    }

    /** This element itself as a whole number (an item of a list of numbers). */
    Integer wholeNumber(long min, long max) {
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            problem(path, "must be a whole number within " + min + ".." + max);
            return null;
        }
        return node.intValue();
    }

    Double number(String name, Double otherwise, double min, double max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (otherwise == null) {
                problem(field(name), "required");
            }
            return otherwise;
        }
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            problem(field(name), "must be a number within " + plain(min) + ".." + plain(max));
            return otherwise;
        }
        return v.asDouble();
    }

    boolean bool(String name, boolean otherwise) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            problem(field(name), "must be true or false");
            return otherwise;
        }
        return v.asBoolean();
    }

    /** An enum written as in the site file ({@code rtu-over-tcp}, {@code even}). */
    <E extends Enum<E>> E choice(String name, Class<E> type, boolean required) {
        String t = text(name, required);
        if (t == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (Views.name(e).equals(t.strip().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(Views.name(e));
        }
        problem(field(name), "must be one of " + String.join(", ", names));
        return null;
    }

    void problem(String field, String message) {
        problems.add(new FieldProblem(field.isEmpty() ? "body" : field, message));
    }

    boolean ok() {
        return problems.isEmpty();
    }

    List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** For the console's own requests: any problem is a 400 naming every field. */
    void check() throws ApiException {
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid request: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), problems);
        }
    }

    /** For configuration changes: the problems as a refused change (422), as the provisioning service would. */
    ChangeResult refusal() {
        return ChangeResult.refused(problems);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
