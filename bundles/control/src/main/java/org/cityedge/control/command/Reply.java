package org.cityedge.control.command;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.control.Json;

/**
 * Builds replies (docs/mqtt/reply.schema.json without {@code gatewayId} and {@code time}, which the uplink adds in
 * front when it publishes).
 */
final class Reply {

    static final String OK = "ok";
    static final String PARTIAL = "partial";
    static final String ERROR = "error";

    private Reply() {
    }

    /** A reply with status, the action (when known) and an empty results list. */
    static ObjectNode start(String id, Action action) {
        ObjectNode reply = Json.object();
        if (id == null) {
            reply.putNull("id");
        } else {
            reply.put("id", id);
        }
        if (action != null) {
            reply.put("action", action.wire);
        }
        reply.put("status", OK);
        reply.putArray("results");
        return reply;
    }

    static ObjectNode error(String code, String message, String field) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        return error;
    }

    /** The whole command refused. */
    static ObjectNode refused(String id, Action action, CommandRefused refusal) {
        ObjectNode reply = start(id, action);
        reply.put("status", ERROR);
        reply.set("error", error(refusal.code(), refusal.getMessage(), refusal.field()));
        return reply;
    }

    /** Sets status (and a summary error when nothing succeeded) from the per-device results. */
    static ObjectNode conclude(ObjectNode reply, List<ObjectNode> results) {
        ArrayNode array = reply.putArray("results");
        results.forEach(array::add);
        long failed = results.stream().filter(r -> ERROR.equals(r.path("status").asText())).count();
        if (failed == 0) {
            reply.put("status", OK);
        } else if (failed < results.size()) {
            reply.put("status", PARTIAL);
        } else {
            reply.put("status", ERROR);
            List<String> codes = results.stream().map(r -> r.path("error").path("code").asText()).distinct().toList();
            String code = codes.size() == 1 ? codes.get(0) : "write-failed";
            reply.set("error", error(code, results.size() == 1 ? results.get(0).path("error").path("message")
                    .asText() : "no addressed device succeeded; see results", null));
        }
        return reply;
    }

    /** One device's result. */
    static ObjectNode device(String deviceId, boolean ok) {
        ObjectNode r = Json.object();
        r.put("device", deviceId);
        r.put("status", ok ? OK : ERROR);
        return r;
    }

    static ObjectNode deviceError(String deviceId, String code, String message) {
        ObjectNode r = device(deviceId, false);
        r.set("error", error(code, message, null));
        return r;
    }

    /** The stored reply of an id seen before, marked as a repeat. */
    static String repeated(String stored) {
        try {
            JsonNode node = Json.MAPPER.readTree(stored);
            if (node instanceof ObjectNode o) {
                o.put("repeated", true);
                return Json.text(o);
            }
        } catch (java.io.IOException e) {
            // a stored reply is ours and always JSON; if not, it is sent as it is
        }
        return stored;
    }
}
