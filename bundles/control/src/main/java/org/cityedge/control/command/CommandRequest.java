package org.cityedge.control.command;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request that passed cmd.schema.json.
 *
 * @param id        unique per command
 * @param action    what to do
 * @param target    whom, or null (status, config, documents)
 * @param level     dim level, or null
 * @param on        relay / contactor, or null
 * @param durationS override duration, or null
 * @param expiresAt epoch ms after which it must not run, or null
 * @param envelope  the signed document's envelope, or null
 */
record CommandRequest(String id, Action action, Target target, Number level, Boolean on, Long durationS,
        Long expiresAt, JsonNode envelope) {

    /** Who a command addresses. */
    record Target(Kind kind, String name) {
        enum Kind { DEVICE, GROUP, ALL }

        /** JSON pointer of the target's field in the request. */
        String field() {
            return "/target/" + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Reads a request already checked against the schema. */
    static CommandRequest from(JsonNode node) {
        JsonNode t = node.get("target");
        Target target = null;
        if (t != null) {
            if (t.has("device")) {
                target = new Target(Target.Kind.DEVICE, t.get("device").asText());
            } else if (t.has("group")) {
                target = new Target(Target.Kind.GROUP, t.get("group").asText());
            } else {
                target = new Target(Target.Kind.ALL, null);
            }
        }
        JsonNode level = node.get("level");
        Number levelValue = level == null ? null
                : level.canConvertToExactIntegral() ? (Number) level.asLong() : (Number) level.asDouble();
        return new CommandRequest(node.get("id").asText(), Action.of(node.get("action").asText()), target,
                levelValue, node.has("on") ? node.get("on").asBoolean() : null,
                node.has("durationS") ? node.get("durationS").asLong() : null,
                node.has("expiresAt") ? node.get("expiresAt").asLong() : null, node.get("envelope"));
    }
}
