package org.cityedge.cli;

import java.io.PrintStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Where a command writes: results on {@code out} (tables, or JSON with {@code --json}), warnings and progress lines
 * on {@code err}.
 *
 * @param terminal true when {@code out} is a person's terminal (progress bar, prompts)
 */
record Output(PrintStream out, PrintStream err, boolean json, boolean terminal) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static void printJson(PrintStream out, JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }

    void json(JsonNode node) {
        printJson(out, node);
    }

    void warn(String message) {
        err.println("warning: " + message);
    }
}
