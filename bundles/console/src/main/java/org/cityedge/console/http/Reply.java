package org.cityedge.console.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer of the API: status, JSON text and extra headers.
 *
 * @param status  HTTP status
 * @param body    JSON text, or null for no body
 * @param headers extra response headers
 */
public record Reply(int status, String body, Map<String, String> headers) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(int status, JsonNode body) {
        return new Reply(status, Json.write(body), Map.of());
    }

    public static Reply ok(JsonNode body) {
        return json(200, body);
    }

    /** A body that is already JSON text (an exported configuration). */
    public static Reply text(int status, String json) {
        return new Reply(status, json, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, body, h);
    }
}
