package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.control.Json;
import org.cityedge.control.testing.MqttSchemas;
import org.junit.jupiter.api.Test;

/** The examples of the Commands section of docs/mqtt/README.md conform to the schemas they illustrate. */
class DocsExamplesTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyCommandReplyAndEventExampleMatchesItsSchema() throws Exception {
        String readme = Files.readString(MqttSchemas.docs().resolve("README.md"));
        int start = readme.indexOf("## Commands (");
        assertThat(start).as("the Commands section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        String section = end < 0 ? readme.substring(start) : readme.substring(start, end);

        List<String> kinds = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(section);
        while (m.find()) {
            JsonNode example = Json.MAPPER.readTree(m.group(1));
            String kind = example.has("event") ? "event" : example.has("status") ? "reply" : "cmd";
            assertThat(MqttSchemas.validate(kind, example)).as(kind + " example " + example).isEmpty();
            kinds.add(kind);
        }
        assertThat(kinds).contains("cmd", "reply", "event");
    }

    @Test
    void theRequestExampleRunsAndItsReplyHasTheDocumentedShape() {
        Harness h = new Harness();
        JsonNode reply = h.send("{\"id\":\"ioc-7f3a2c\",\"action\":\"dim\",\"target\":{\"group\":\"circuit-a\"},"
                + "\"level\":40,\"durationS\":3600,\"expiresAt\":" + (Harness.T0 + 60_000) + "}");
        assertThat(reply.get("status").asText()).isEqualTo("ok");
        assertThat(reply.get("results")).hasSize(4);
        assertThat(reply.get("results").get(0).get("until").asLong()).isEqualTo(Harness.T0 + 3600_000);
    }
}
