package org.cityedge.rules.document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a rule set document: JSON syntax, the published schema, then what a schema cannot say (unique ids, targets
 * a rule may write). Expressions are compiled later, against the sandbox and the site.
 */
public final class RuleSetReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private RuleSetReader() {
    }

    /** The rule set, or every problem found, each naming its rule and field. */
    public static RuleSet read(String json) throws InvalidRuleSetException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRuleSetException(List.of("document: not JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRuleSetException(List.of("document: must be a JSON object"));
        }
        List<String> problems = new ArrayList<>(RuleSetSchema.problems(root));
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(problems);
        }
        List<RuleDefinition> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode array = root.path("rules");
        for (int i = 0; i < array.size(); i++) {
            RuleDefinition rule = rule(i, array.get(i), problems);
            if (!ids.add(rule.id())) {
                problems.add(rule.where("id") + ": '" + rule.id() + "' is used by an earlier rule");
            }
            rules.add(rule);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(problems);
        }
        return new RuleSet(root.path("version").asLong(), text(root, "site"), text(root, "gatewayId"), rules);
    }

    private static RuleDefinition rule(int index, JsonNode node, List<String> problems) {
        String id = node.path("id").asText();
        Scope scope = node.has("for") ? scope(node.path("for")) : null;
        Map<String, PointRef> inputs = new LinkedHashMap<>();
        node.path("inputs").fields()
                .forEachRemaining(e -> inputs.put(e.getKey(), PointRef.parse(e.getValue().asText())));
        List<RuleAction> actions = new ArrayList<>();
        JsonNode list = node.path("actions");
        for (int a = 0; a < list.size(); a++) {
            RuleAction action = action(list.get(a));
            if (scope != null && action instanceof RuleAction.Write w && !w.target().ownDevice()) {
                problems.add(Where.rule(index, id, "actions[" + a + "].write") + ": a rule with 'for' writes only"
                        + " its own device; write other devices from a rule without 'for', through its inputs");
            }
            actions.add(action);
        }
        return new RuleDefinition(index, id, node.path("enabled").asBoolean(true), scope, inputs,
                node.path("when").asText(), text(node, "until"), millis(node, "debounceSeconds"),
                millis(node, "clearDebounceSeconds"), millis(node, "holdSeconds"), actions, canonical(node));
    }

    private static Scope scope(JsonNode node) {
        return new Scope(text(node, "profile"), text(node, "group"), strings(node.path("devices")));
    }

    private static RuleAction action(JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> only = node.fields();
        Map.Entry<String, JsonNode> entry = only.next();
        JsonNode body = entry.getValue();
        return switch (entry.getKey()) {
            case "write" -> new RuleAction.Write(body.path("point").asText(), value(body.path("value")),
                    body.has("inactiveValue") ? value(body.path("inactiveValue")) : null,
                    new RuleAction.Target(text(body, "device"), strings(body.path("devices")), text(body, "group")));
            case "alarm" -> new RuleAction.Alarm(body.path("event").asText(), body.path("severity").asText(),
                    text(body, "reason"), text(body, "point"), text(body, "device"));
            case "event" -> new RuleAction.Event(body.path("event").asText(), body.path("severity").asText("info"),
                    text(body, "reason"), text(body, "point"), text(body, "device"),
                    "deactivate".equals(body.path("on").asText()));
            default -> throw new IllegalStateException("schema let through action " + entry.getKey());
        };
    }

    /** A claim's value: integers as Long, other numbers as Double, booleans as Boolean. */
    private static Object value(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isIntegralNumber() ? (Object) node.longValue() : (Object) node.doubleValue();
    }

    private static long millis(JsonNode node, String field) {
        return node.path(field).asLong(0) * 1000;
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write back a parsed rule", e);
        }
    }
}
