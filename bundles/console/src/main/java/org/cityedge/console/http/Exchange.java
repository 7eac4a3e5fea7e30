package org.cityedge.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;

/** One API request as a handler sees it: path parameters, the caller, and the body read with a size limit. */
public final class Exchange {

    private final HttpServletRequest request;
    private final Map<String, String> params;
    private final Caller caller;
    private final int maxBodyBytes;
    private byte[] body;

    public Exchange(HttpServletRequest request, Map<String, String> params, Caller caller, int maxBodyBytes) {
        this.request = request;
        this.params = Map.copyOf(params);
        this.caller = caller;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A path parameter, e.g. {@code id} of {@code /devices/{id}}. */
    public String param(String name) {
        return params.get(name);
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return request.getParameter(name);
    }

    public Caller caller() {
        return caller;
    }

    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    /** The body; more than the limit is a 413. */
    public byte[] body() throws ApiException {
        if (body == null) {
            long declared = request.getContentLengthLong();
            if (declared > maxBodyBytes) {
                throw tooLarge();
            }
            try (InputStream in = request.getInputStream()) {
                byte[] read = in.readNBytes(maxBodyBytes + 1);
                if (read.length > maxBodyBytes) {
                    throw tooLarge();
                }
                body = read;
            } catch (IOException e) {
                throw ApiException.badRequest("could not read the request body: " + e.getMessage());
            }
        }
        return body;
    }

    private ApiException tooLarge() {
        return new ApiException(413, "request body larger than " + maxBodyBytes + " bytes");
    }

    /** The body as JSON (400 when malformed). */
    public JsonNode json() throws ApiException {
        return Json.parse(body());
    }

    /** The body as a JSON object (400 when malformed or not an object). */
    public ObjectNode jsonObject() throws ApiException {
        JsonNode node = json();
        if (!node.isObject()) {
            throw ApiException.badRequest("malformed request: expected a JSON object, got " + describe(node));
        }
        return (ObjectNode) node;
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
