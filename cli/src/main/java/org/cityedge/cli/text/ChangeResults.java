package org.cityedge.cli.text;

import java.io.PrintStream;

import org.cityedge.cli.gateway.Failure;

import com.fasterxml.jackson.databind.JsonNode;

/** Prints a ChangeResult ({@code {"applied","problems","notes"}}) the same way for every command. */
public final class ChangeResults {

    private ChangeResults() {
    }

    /**
     * Prints an applied change and its notes.
     *
     * @param what what was changed, for the first line, e.g. {@code identity}
     * @throws Failure when the result says it was not applied (a refusal answered with 200)
     */
    public static void print(JsonNode result, String what, PrintStream out) {
        if (result.has("applied") && !result.path("applied").asBoolean()) {
            throw Failure.refused("the gateway refused the change", result);
        }
        out.println("applied: " + what);
        for (JsonNode note : result.path("notes")) {
            out.println("note: " + note.asText());
        }
    }
}
