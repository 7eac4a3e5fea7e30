package org.cityedge.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.cityedge.api.model.Sample;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.rules.support.DemoSite;
import org.cityedge.rules.support.FakePointControl;
import org.cityedge.rules.support.RulesFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debounce, hysteresis, hold, swaps and site changes, with a clock moved by hand (no sleeping). */
class RuleStatesTest {

    private static final Instant START = Instant.parse("2026-11-23T15:00:00Z");

    @TempDir
    Path dir;
    private RulesFixture rules;

    @AfterEach
    void stop() {
        rules.close();
    }

    private void install(String rulesJson, long version) throws Exception {
        rules.install("{\"type\": \"ruleset\", \"version\": " + version + ", \"rules\": [" + rulesJson + "]}");
        rules.outbox.offered.removeIf(m -> m.json().contains("\"ruleSetInstalled\""));
    }

    private static final String HOT = """
            {"id": "hot", "for": {"devices": ["aq-001"]}, "when": "temperature > 40", %s
             "actions": [{"alarm": {"event": "hot", "severity": "minor", "point": "temperature"}},
                         {"event": {"event": "cooledDown", "on": "deactivate", "reason": "now {temperature} Cel"}}]}""";

    @Test
    void withoutDebounceARuleFiresOnTheFirstSampleAndHoldKeepsItActive() throws Exception {
        rules = new RulesFixture(dir, START, new DemoSite());
        install(HOT.formatted("\"holdSeconds\": 120,"), 1);
        rules.poll("aq-001", "temperature", 42.0);
        assertThat(rules.outbox.states("aq-001", "hot")).containsExactly("raised");
        rules.poll("aq-001", "temperature", 30.0);
        rules.advance(119);
        assertThat(rules.outbox.states("aq-001", "hot")).as("held for 120 s").containsExactly("raised");
        rules.advance(1);
        assertThat(rules.outbox.states("aq-001", "hot")).containsExactly("raised", "cleared");
        assertThat(rules.outbox.states("aq-001", "cooledDown")).containsExactly("info");
        assertThat(rules.outbox.events().get(2).path("reason").asText()).isEqualTo("now 30 Cel");
    }

    @Test
    void aClearDebounceRestartsWhenTheConditionComesBack() throws Exception {
        rules = new RulesFixture(dir, START, new DemoSite());
        install(HOT.formatted("\"clearDebounceSeconds\": 60,"), 1);
        rules.poll("aq-001", "temperature", 42.0);
        rules.poll("aq-001", "temperature", 30.0);
        rules.advance(50);
        rules.poll("aq-001", "temperature", 41.0);
        rules.poll("aq-001", "temperature", 30.0);
        rules.advance(59);
        assertThat(rules.outbox.states("aq-001", "hot")).containsExactly("raised");
        rules.advance(1);
        assertThat(rules.outbox.states("aq-001", "hot")).containsExactly("raised", "cleared");
    }

    @Test
    void aBadValueStopsTheDebounceAndNeverFiresARule() throws Exception {
        rules = new RulesFixture(dir, START, new DemoSite());
        install(HOT.formatted("\"debounceSeconds\": 60,"), 1);
        rules.poll("aq-001", "temperature", 42.0);
        rules.advance(40);
        rules.engine.process(List.of(Sample.bad("aq-001", "temperature", "Cel", rules.clock.getAsLong(), "timeout")));
        rules.advance(40);
        rules.poll("aq-001", "temperature", 42.0);
        rules.advance(59);
        assertThat(rules.outbox.offered).as("the debounce started again after the BAD reading").isEmpty();
        rules.advance(1);
        assertThat(rules.outbox.states("aq-001", "hot")).containsExactly("raised");
    }

    @Test
    void anErrorInOneRuleLeavesTheOthersRunning() throws Exception {
        rules = new RulesFixture(dir, START, new DemoSite());
        install("""
                {"id": "broken", "for": {"devices": ["aq-001"]}, "when": "temperature / 0 > 1",
                 "actions": [{"event": {"event": "never"}}]},
                """ + HOT.formatted(""), 1);
        rules.poll("aq-001", "temperature", 42.0);
        assertThat(rules.outbox.states("aq-001", "hot")).containsExactly("raised");
        EngineStats.Snapshot stats = rules.engine.stats().snapshot();
        assertThat(stats.errors() + stats.timeouts()).isEqualTo(1);
        assertThat(stats.lastError()).startsWith("rules[0] (broken).when on aq-001: ");
    }

    @Test
    void aSwapKeepsUnchangedRulesAndRetiresChangedAndRemovedOnes() throws Exception {
        rules = new RulesFixture(dir, START, new DemoSite());
        String flood = """
                {"id": "flood", "inputs": {"level": "wl-001.currentLevel"}, "when": "level > 2.5",
                 "actions": [{"write": {"point": "dimLevel", "value": 100, "devices": ["sl-005", "sl-006"]}}]}""";
        String pm = """
                {"id": "pm", "for": {"profile": "mekong-aqm6"}, "when": "pm25 > 50",
                 "actions": [{"alarm": {"event": "pm25High", "severity": "warning"}}]}""";
        String wet = """
                {"id": "wet", "for": {"profile": "mekong-aqm6"}, "when": "relativeHumidity > 90",
                 "actions": [{"alarm": {"event": "humid", "severity": "info"}}]}""";
        install(flood + "," + pm + "," + wet, 1);
        rules.poll("wl-001", "currentLevel", 2.8);
        rules.poll("aq-001", "pm25", 60L, "relativeHumidity", 95L);
        assertThat(rules.engine.activeInstances()).containsExactlyInAnyOrder("flood", "pm@aq-001", "wet@aq-001");
        int claimsBefore = rules.control.claimed.size();

        install(flood + "," + pm.replace("pm25 > 50", "pm25 > 55"), 2);   // wet removed, pm changed

        assertThat(rules.control.claimed).as("flood unchanged: no new claim").hasSize(claimsBefore);
        assertThat(rules.control.released).isEmpty();
        assertThat(rules.control.value("sl-005", "dimLevel")).isEqualTo(100L);
        assertThat(rules.outbox.states("aq-001", "humid")).containsExactly("raised", "cleared");
        assertThat(rules.outbox.states("aq-001", "pm25High")).as("changed: starts over, fires again at once")
                .containsExactly("raised", "cleared", "raised");
        assertThat(rules.outbox.events()).filteredOn(e -> e.path("state").asText().equals("cleared"))
                .allMatch(e -> e.path("reason").asText().equals("rule set version 2 replaced this rule"));
        assertThat(rules.engine.activeInstances()).containsExactlyInAnyOrder("flood", "pm@aq-001");
    }

    @Test
    void aSiteChangeAddsAndRetiresInstances() throws Exception {
        DemoSite demo = new DemoSite();
        rules = new RulesFixture(dir, START, demo);
        install("""
                {"id": "on", "for": {"group": "circuit-b"}, "when": "powerState",
                 "actions": [{"write": {"point": "dimLevel", "value": 70}}]}""", 1);
        rules.poll("sl-005", "powerState", true);
        rules.poll("sl-001", "powerState", true);
        assertThat(rules.engine.activeInstances()).containsExactly("on@sl-005");

        // sl-001 moves to circuit B, sl-005 leaves the site
        List<DeviceDefinition> devices = demo.site().devices().stream().filter(d -> !d.id().equals("sl-005"))
                .map(d -> d.id().equals("sl-001") ? new DeviceDefinition(d.id(), d.name(), d.bus(), d.unitId(),
                        d.profile(), d.location(), "circuit-b") : d).toList();
        Site moved = new Site(demo.site().site(), demo.site().gatewayId(), demo.site().location(),
                demo.site().timezone(), List.of(), devices);
        rules.engine.site(new SiteView() {
            @Override
            public Site site() {
                return moved;
            }

            @Override
            public java.util.Map<String, Boolean> points(String profileId) {
                return demo.points(profileId);
            }
        });
        assertThat(rules.engine.activeInstances()).as("known values are used at once").containsExactly("on@sl-001");
        assertThat(rules.control.value("sl-001", "dimLevel")).isEqualTo(70L);
        assertThat(rules.control.claims("sl-005")).isEmpty();
    }

    @Test
    void anActiveRuleWritingAGroupFollowsTheGroupsMembers() throws Exception {
        DemoSite demo = new DemoSite();
        rules = new RulesFixture(dir, START, demo);
        install("""
                {"id": "flood", "inputs": {"level": "wl-001.currentLevel"}, "when": "level > 2.5",
                 "actions": [{"write": {"point": "dimLevel", "value": 100, "group": "circuit-b"}}]}""", 1);
        rules.poll("wl-001", "currentLevel", 2.8);
        assertThat(rules.control.value("sl-005", "dimLevel")).isEqualTo(100L);
        assertThat(rules.control.value("sl-001", "dimLevel")).isNull();

        // sl-001 joins circuit B, sl-005 leaves it
        List<DeviceDefinition> devices = demo.site().devices().stream()
                .map(d -> d.id().equals("sl-001") ? regroup(d, "circuit-b")
                        : d.id().equals("sl-005") ? regroup(d, "circuit-a") : d).toList();
        rules.engine.site(siteWith(demo, devices));
        assertThat(rules.control.value("sl-001", "dimLevel")).isEqualTo(100L);
        assertThat(rules.control.value("sl-005", "dimLevel")).isNull();
        assertThat(rules.control.value("sl-006", "dimLevel")).isEqualTo(100L);
        assertThat(rules.control.claimed).filteredOn(c -> c.deviceId().equals("sl-006")).as("not sent twice")
                .hasSize(1);
    }

    private static DeviceDefinition regroup(DeviceDefinition d, String group) {
        return new DeviceDefinition(d.id(), d.name(), d.bus(), d.unitId(), d.profile(), d.location(), group);
    }

    private static SiteView siteWith(DemoSite demo, List<DeviceDefinition> devices) {
        Site s = new Site(demo.site().site(), demo.site().gatewayId(), demo.site().location(),
                demo.site().timezone(), List.of(), devices);
        return new SiteView() {
            @Override
            public Site site() {
                return s;
            }

            @Override
            public java.util.Map<String, Boolean> points(String profileId) {
                return demo.points(profileId);
            }
        };
    }

    @Test
    void claimsMadeWithoutAnArbiterArePlacedWhenItAppears() throws Exception {
        rules = new RulesFixture(dir, START, new DemoSite());
        rules.engine.control(null);
        install("""
                {"id": "flood", "inputs": {"level": "wl-001.currentLevel"}, "when": "level > 2.5",
                 "actions": [{"write": {"point": "dimLevel", "value": 100, "group": "circuit-b"}}]}""", 1);
        rules.poll("wl-001", "currentLevel", 2.8);
        assertThat(rules.engine.claims()).hasSize(4);
        FakePointControl late = new FakePointControl();
        rules.engine.control(late);
        assertThat(late.claimed).extracting(c -> c.deviceId())
                .containsExactlyInAnyOrder("sl-005", "sl-006", "sl-007", "sl-008");
        rules.engine.releaseAll();
        assertThat(late.claims("sl-006")).isEmpty();
    }
}
