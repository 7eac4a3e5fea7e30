package org.cityedge.rules.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.cityedge.rules.engine.CompiledRuleSet;
import org.cityedge.rules.engine.RuleSetCompiler;
import org.cityedge.rules.expr.Sandbox;
import org.cityedge.rules.support.DemoSite;
import org.cityedge.rules.support.RulesFixture;
import org.junit.jupiter.api.Test;

/** Reading and compiling rule set documents: every problem names its rule and field. */
class RuleSetDocumentTest {

    private final DemoSite site = new DemoSite();
    private final RuleSetCompiler compiler = new RuleSetCompiler(new Sandbox(Sandbox.DEFAULT_MAX_LENGTH));

    @Test
    void theDemoRuleSetReadsAndCompiles() throws Exception {
        RuleSet set = RuleSetReader.read(RulesFixture.resource("rules/demo-ruleset.json"));
        assertThat(set.version()).isEqualTo(1);
        assertThat(set.rules()).extracting(RuleDefinition::id).containsExactly("lamp-failure", "day-burner",
                "photocell", "photocell-gpio", "pm25-high", "water-level-high", "flood-lights");
        RuleDefinition photocell = set.rules().get(2);
        assertThat(photocell.until()).isEqualTo("illuminance > 60");
        assertThat(photocell.holdMillis()).isEqualTo(600_000);
        assertThat(photocell.actions()).containsExactly(
                new RuleAction.Write("contactorState", true, false, RuleAction.Target.OWN_DEVICE));
        RuleDefinition flood = set.rules().get(6);
        assertThat(flood.scope()).isNull();
        assertThat(flood.inputs()).containsEntry("level", new PointRef("wl-001", "currentLevel"));
        assertThat(flood.actions().get(1))
                .isEqualTo(new RuleAction.Write("dimLevel", 100L, null,
                        new RuleAction.Target(null, null, "circuit-b")));
        CompiledRuleSet compiled = compiler.compile(set, site);
        assertThat(compiled.rules()).hasSize(7);
    }

    @Test
    void schemaProblemsNameTheRuleAndTheField() {
        String json = """
                {"type": "ruleset", "version": 2, "rules": [
                  {"id": "ok", "when": "true", "actions": [{"event": {"event": "hello"}}]},
                  {"id": "bad", "when": "x > 1", "actions": [], "debounceSeconds": -5, "colour": "red",
                   "for": {"profile": "saigon-slc-110"}}
                ]}""";
        List<String> problems = problems(json);
        assertThat(problems).contains(
                "rules[1] (bad).actions: must have at least 1 items but found 0",
                "rules[1] (bad).colour: is not a known field",
                "rules[1] (bad).debounceSeconds: must have a minimum value of 0");
        assertThat(problems).noneMatch(p -> p.startsWith("rules[0]"));
    }

    @Test
    void documentLevelProblems() {
        assertThat(problems("{\"type\": \"ruleset\", \"rules\": []}")).containsExactly("version: is required");
        assertThat(problems("{\"type\": \"schedule\", \"version\": 3, \"rules\": []}"))
                .singleElement().asString().startsWith("type: ");
        assertThat(problems("{\"type\": \"ruleset\", \"version\": 3, \"rules\": [}")).singleElement().asString()
                .startsWith("document: not JSON: ").contains("line 1");
        assertThat(problems("[1, 2]")).containsExactly("document: must be a JSON object");
    }

    @Test
    void idsAreUniqueAndScopedRulesWriteOnlyTheirOwnDevice() {
        String json = """
                {"type": "ruleset", "version": 2, "rules": [
                  {"id": "a", "when": "true", "actions": [{"event": {"event": "one"}}]},
                  {"id": "a", "for": {"group": "circuit-a"}, "when": "powerState",
                   "actions": [{"write": {"point": "dimLevel", "value": 50, "group": "circuit-b"}}]}
                ]}""";
        assertThat(problems(json)).containsExactly(
                "rules[1] (a).actions[0].write: a rule with 'for' writes only its own device; write other devices"
                        + " from a rule without 'for', through its inputs",
                "rules[1] (a).id: 'a' is used by an earlier rule");
    }

    @Test
    void compileProblemsNameTheRuleAndTheField() {
        String json = """
                {"type": "ruleset", "version": 2, "rules": [
                  {"id": "typo", "for": {"profile": "saigon-slc-110"}, "when": "powerState && curent < 0.05",
                   "actions": [{"alarm": {"event": "lampFailure", "severity": "major", "reason": "{volts} V"}}]},
                  {"id": "global", "when": "currentLevel > 2", "actions": [{"event": {"event": "x"}}]},
                  {"id": "readonly", "for": {"profile": "saigon-slc-110"}, "when": "powerState",
                   "actions": [{"write": {"point": "current", "value": 0}}]},
                  {"id": "input", "inputs": {"level": "wl-001.level"}, "when": "level > 2",
                   "actions": [{"write": {"point": "dimLevel", "value": 100, "group": "circuit-b"}}]},
                  {"id": "sandbox", "for": {"profile": "mekong-aqm6"}, "when": "pm25 > 50",
                   "until": "new('java.io.File')", "actions": [{"event": {"event": "x"}}]},
                  {"id": "other-gateway", "for": {"profile": "acme-lc200"}, "when": "anything > 1",
                   "actions": [{"write": {"point": "dimLevel", "value": 100}}]}
                ]}""";
        assertThat(problems(json)).containsExactly(
                "rules[0] (typo).when: unknown variable 'curent': not a point of profile saigon-slc-110, an input"
                        + " or a time variable",
                "rules[0] (typo).actions[0].alarm.reason: unknown variable 'volts': not a point of profile"
                        + " saigon-slc-110, an input or a time variable",
                "rules[1] (global).when: 'currentLevel' is not an input or a time variable; a rule without 'for'"
                        + " reads points through its inputs",
                "rules[2] (readonly).actions[0].write.point: 'current' is not a writable point of profile"
                        + " saigon-slc-110",
                "rules[3] (input).inputs.level: device wl-001 has no point 'level'",
                "rules[4] (sandbox).until: create instance is not allowed here (column 1: 'new(...)')");
    }

    @Test
    void disabledRulesAreCheckedButDoNotRun() throws Exception {
        String json = """
                {"type": "ruleset", "version": 2, "rules": [
                  {"id": "off", "enabled": false, "for": {"profile": "mekong-aqm6"}, "when": "pm25 > 50",
                   "actions": [{"event": {"event": "x"}}]}
                ]}""";
        CompiledRuleSet compiled = compiler.compile(RuleSetReader.read(json), site);
        assertThat(compiled.rules()).isEmpty();
        assertThat(compiled.total()).isEqualTo(1);
    }

    private List<String> problems(String json) {
        InvalidRuleSetException e = catchThrowableOfType(InvalidRuleSetException.class,
                () -> compiler.compile(RuleSetReader.read(json), site));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("; ", e.problems()));
        return e.problems();
    }
}
