package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PlanStep;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The plan action: the schedule's steps ahead, for a target or all, over the hours asked for. */
class PlanCommandTest {

    private final Harness h = new Harness();
    private final List<long[]> asked = new ArrayList<>();

    PlanCommandTest() {
        h.plan = (from, hours) -> {
            asked.add(new long[] {from, hours});
            return List.of(
                    new PlanStep(from + 3_600_000, "sl-001", "dimLevel", 100.0, ControlSource.SCHEDULE,
                            "sunset+0min, program builtin"),
                    new PlanStep(from + 3_600_000, "sl-005", "dimLevel", 100.0, ControlSource.SCHEDULE,
                            "sunset+0min, program builtin"),
                    new PlanStep(from + 7_200_000, "sl-001", "powerState", true, ControlSource.OVERRIDE,
                            "override cmd-42 until 22:00"));
        };
    }

    @Test
    void listsTheStepsOfTheTargetOnly() {
        JsonNode reply = h.send("{\"id\":\"p-1\",\"action\":\"plan\",\"target\":{\"device\":\"sl-001\"},\"hours\":6}");
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("ok");
        JsonNode data = reply.path("data");
        assertThat(data.path("hours").asInt()).isEqualTo(6);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactly(Harness.T0, 6);
        assertThat(data.path("steps")).hasSize(2);
        assertThat(data.path("steps").get(0).path("device").asText()).isEqualTo("sl-001");
        assertThat(data.path("steps").get(0).path("value").asDouble()).isEqualTo(100.0);
        assertThat(data.path("steps").get(1).path("source").asText()).isEqualTo("override");
        assertThat(data.path("steps").get(1).path("value").asBoolean()).isTrue();
        assertThat(data.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void withoutATargetListsEveryDeviceFor24Hours() {
        JsonNode reply = h.send("{\"id\":\"p-2\",\"action\":\"plan\"}");
        assertThat(reply.path("data").path("steps")).hasSize(3);
        assertThat(asked.get(0)[1]).isEqualTo(24);
    }

    @Test
    void withoutAScheduleTheIocIsToldSo() {
        h.plan = null;
        JsonNode reply = h.send("{\"id\":\"p-3\",\"action\":\"plan\"}");
        assertThat(reply.path("status").asText()).isEqualTo("error");
        assertThat(reply.path("error").path("code").asText()).isEqualTo("unavailable");
    }

    @Test
    void hoursBelongToPlanOnlyAndStayWithinAWeek() {
        assertThat(h.send("{\"id\":\"p-4\",\"action\":\"plan\",\"hours\":169}").path("error").path("code").asText())
                .isEqualTo("schema-violation");
        assertThat(h.send("{\"id\":\"p-5\",\"action\":\"status\",\"hours\":2}").path("error").path("code").asText())
                .isEqualTo("schema-violation");
    }
}
