package org.cityedge.cli.gateway;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An expected way for a command to end without doing its work: printed as one or a few plain lines (never a stack
 * trace) and mapped to the CLI's exit code.
 */
public final class Failure extends RuntimeException {

    /** The gateway refused the request (a ChangeResult with problems, or an error answer). */
    public static final int REFUSED = 1;
    /** Wrong use of the command (picocli's own code for invalid input). */
    public static final int USAGE = 2;
    /** The gateway could not be reached, or did not accept who we are. */
    public static final int UNREACHABLE_OR_UNAUTHORISED = 3;

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final List<String> lines;
    private final transient JsonNode answer;
    private final boolean notAuthorised;

    private Failure(int exitCode, List<String> lines, JsonNode answer) {
        this(exitCode, lines, answer, false);
    }

    private Failure(int exitCode, List<String> lines, JsonNode answer, boolean notAuthorised) {
        super(String.join("; ", lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
        this.answer = answer;
        this.notAuthorised = notAuthorised;
    }

    public static Failure usage(String message) {
        return new Failure(USAGE, List.of(message), null);
    }

    public static Failure unreachable(String message) {
        return new Failure(UNREACHABLE_OR_UNAUTHORISED, List.of(message), null);
    }

    public static Failure notAuthorised(String message) {
        return new Failure(UNREACHABLE_OR_UNAUTHORISED, List.of(message), null, true);
    }

    /** A refusal with a plain reason (no field to name). */
    public static Failure refused(String message) {
        return new Failure(REFUSED, List.of(message), null);
    }

    /**
     * A refusal answered by the gateway: its {@code error}, then each problem as {@code field: message}.
     *
     * @param headline what was refused, e.g. {@code the gateway refused the change}
     * @param answer   the answer body ({@code {"error","problems"}} or a ChangeResult), kept for {@code --json}
     */
    public static Failure refused(String headline, JsonNode answer) {
        List<String> lines = new ArrayList<>();
        String error = answer == null ? "" : answer.path("error").asText("");
        lines.add(error.isEmpty() ? headline : headline + ": " + error);
        if (answer != null) {
            for (JsonNode p : answer.path("problems")) {
                lines.add(p.path("field").asText("?") + ": " + p.path("message").asText(""));
            }
        }
        return new Failure(REFUSED, lines, answer);
    }

    public int exitCode() {
        return exitCode;
    }

    /** True when the gateway was reached but did not accept who we are (or we had nothing to show it). */
    public boolean notAuthorised() {
        return notAuthorised;
    }

    /** What to print, one line each. */
    public List<String> lines() {
        return lines;
    }

    /** The gateway's answer body when there was one (printed raw with {@code --json}), else null. */
    public JsonNode answer() {
        return answer;
    }
}
