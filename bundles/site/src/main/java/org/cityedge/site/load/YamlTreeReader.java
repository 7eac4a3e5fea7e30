package org.cityedge.site.load;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads one YAML document into a Jackson tree while recording the line of every value. Builds the tree itself
 * (rather than through ObjectMapper) because that is where the parser still knows each token's location, and so
 * it can refuse duplicate keys, which YAML forbids and which would otherwise silently keep the last value.
 */
final class YamlTreeReader {

    /** Deeper nesting than any profile or site needs; bounds recursion on hostile input. */
    private static final int MAX_DEPTH = 32;
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

    private final Map<String, Integer> lines = new HashMap<>();

    private YamlTreeReader() {
    }

    static YamlTree read(Reader in) throws IOException, YamlSyntaxException {
        YamlTreeReader reader = new YamlTreeReader();
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() == null) {
                throw new YamlSyntaxException(1, "the file is empty");
            }
            JsonNode root = reader.value(p, FieldPath.ROOT, line(p.currentTokenLocation()));
            if (p.nextToken() != null) {
                throw new YamlSyntaxException(line(p.currentTokenLocation()),
                        "only one YAML document is allowed in a file");
            }
            return new YamlTree(root, reader.lines);
        } catch (JsonProcessingException e) {
            throw new YamlSyntaxException(line(e.getLocation()), syntaxMessage(e));
        }
    }

    private JsonNode value(JsonParser p, FieldPath path, int line) throws IOException, YamlSyntaxException {
        lines.putIfAbsent(path.pointer(), line);
        if (path.size() > MAX_DEPTH) {
            throw new YamlSyntaxException(line, "nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT:
                return object(p, path);
            case START_ARRAY:
                return array(p, path);
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? NODES.numberNode(p.getBigIntegerValue())
                        : NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // Tagged binary and other exotic scalars: keep the text, the schema will say what was expected.
                return NODES.textNode(p.getText());
        }
    }

    private ObjectNode object(JsonParser p, FieldPath path) throws IOException, YamlSyntaxException {
        ObjectNode node = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int keyLine = line(p.currentTokenLocation());
            if (node.has(name)) {
                throw new YamlSyntaxException(keyLine, path.field(name).toString(),
                        "duplicate key '" + name + "' in " + describe(path));
            }
            p.nextToken();
            node.set(name, value(p, path.field(name), keyLine));
        }
        return node;
    }

    private ArrayNode array(JsonParser p, FieldPath path) throws IOException, YamlSyntaxException {
        ArrayNode node = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(p, path.index(i++), line(p.currentTokenLocation())));
        }
        return node;
    }

    private static String describe(FieldPath path) {
        return path.isRoot() ? "the top level" : path.toString();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /**
     * The parser's own words ("while parsing a flow mapping; expected ',' or '}'...") without the source excerpts
     * and marks SnakeYAML interleaves (indented lines): the problem already carries the line.
     */
    private static String syntaxMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        StringBuilder b = new StringBuilder("not valid YAML");
        String separator = ": ";
        for (String line : m == null ? new String[0] : m.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                b.append(separator).append(line.strip());
                separator = "; ";
            }
        }
        return b.toString();
    }
}
