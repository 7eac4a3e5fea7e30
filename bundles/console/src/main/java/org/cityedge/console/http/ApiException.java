package org.cityedge.console.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.provision.FieldProblem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the console refuses, with the status and the error body of the HTTP API contract. */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<FieldProblem> problems;
    private final transient ObjectNode extra = Json.object();
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String message, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    /** Adds a field to the error body, e.g. {@code attemptsLeft}. */
    public ApiException with(String field, long value) {
        extra.put(field, value);
        return this;
    }

    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** {@code {"error": ..., "problems": [...]?, ...extra}}. */
    public ObjectNode body() {
        ObjectNode body = Json.object().put("error", getMessage());
        if (!problems.isEmpty()) {
            ArrayNode list = body.putArray("problems");
            problems.forEach(p -> list.addObject().put("field", p.field()).put("message", p.message()));
        }
        body.setAll(extra);
        return body;
    }

    public Reply reply() {
        Reply r = Reply.json(status, body());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }
}
