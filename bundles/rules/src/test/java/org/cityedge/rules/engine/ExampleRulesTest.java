package org.cityedge.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.rules.support.DemoSite;
import org.cityedge.rules.support.EventSchema;
import org.cityedge.rules.support.RulesFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The example rules of docs/rules/demo-ruleset.json on the demo site, driven by samples, with a fake arbiter and
 * outbox and a clock moved by hand. Dong Xoai is UTC+7: 15:00Z is 22:00 at night, 05:00Z is noon.
 */
class ExampleRulesTest {

    private static final Instant NIGHT = Instant.parse("2026-11-23T15:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-24T05:00:00Z");
    private static final Instant EVENING = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;
    private RulesFixture rules;

    @BeforeEach
    void installDemoRules() throws Exception {
        rules = new RulesFixture(dir, NIGHT, new DemoSite());
        assertThat(rules.install(RulesFixture.demoRuleSet(1))).isEqualTo(1);
        rules.outbox.offered.clear();   // the ruleSetInstalled event
    }

    @AfterEach
    void stop() {
        rules.close();
    }

    @Test
    void lampFailureIsRaisedAfterItsDebounceAndClearedWhenCurrentReturns() {
        rules.poll("sl-002", "powerState", true, "dimLevel", 100L, "current", 0.45);
        rules.poll("sl-002", "current", 0.0);
        rules.advance(59);
        assertThat(rules.outbox.offered).as("still within the 60 s debounce").isEmpty();
        rules.advance(1);
        assertThat(rules.outbox.states("sl-002", "lampFailure")).containsExactly("raised");
        JsonNode raised = rules.outbox.events().get(0);
        EventSchema.assertValid(raised);
        assertThat(raised.path("severity").asText()).isEqualTo("major");
        assertThat(raised.path("point").asText()).isEqualTo("current");
        assertThat(raised.path("value").asDouble()).isEqualTo(0.0);
        assertThat(raised.path("rule").asText()).isEqualTo("lamp-failure");
        assertThat(raised.path("reason").asText()).isEqualTo("lamp draws 0 A while on at 100 %");
        assertThat(rules.outbox.offered.get(0).topicSuffix()).isEqualTo("event/sl-002");

        rules.poll("sl-002", "current", 0.46);
        rules.advance(29);
        assertThat(rules.outbox.states("sl-002", "lampFailure")).containsExactly("raised");
        rules.advance(1);
        assertThat(rules.outbox.states("sl-002", "lampFailure")).containsExactly("raised", "cleared");
        EventSchema.assertValid(rules.outbox.events().get(1));
    }

    @Test
    void noLampFailureForADimmedOffLampOrWithoutAllValues() {
        rules.poll("sl-003", "current", 0.0);   // powerState and dimLevel not known yet: not evaluated
        rules.advance(120);
        rules.poll("sl-003", "powerState", true, "dimLevel", 0L);
        rules.advance(120);
        assertThat(rules.outbox.offered).isEmpty();
        assertThat(rules.engine.stats().snapshot().unevaluable()).isPositive();
    }

    @Test
    void aFlickeringConditionRestartsTheDebounce() {
        rules.poll("sl-001", "powerState", true, "dimLevel", 80L, "current", 0.0);
        rules.advance(50);
        rules.poll("sl-001", "current", 0.3);   // back for a moment
        rules.poll("sl-001", "current", 0.0);
        rules.advance(50);
        assertThat(rules.outbox.offered).as("100 s of failure, but never 60 s in one go").isEmpty();
        rules.advance(10);
        assertThat(rules.outbox.states("sl-001", "lampFailure")).containsExactly("raised");
    }

    @Test
    void dayBurnerIsRaisedInDaylightOnlyAndClearsAtSunsetWithoutNewSamples() {
        rules.poll("sl-005", "powerState", true, "current", 0.45);
        rules.advance(1500);
        assertThat(rules.outbox.states("sl-005", "dayBurner")).as("night: a burning lamp is right").isEmpty();

        rules.clock.set(NOON);
        rules.poll("sl-005", "current", 0.44);
        rules.advance(1199);
        assertThat(rules.outbox.states("sl-005", "dayBurner")).isEmpty();
        rules.advance(12);   // the time refresh runs every 10 s
        assertThat(rules.outbox.states("sl-005", "dayBurner")).containsExactly("raised");
        JsonNode raised = rules.outbox.events().get(0);
        EventSchema.assertValid(raised);
        assertThat(raised.path("reason").asText()).matches("lamp burning in daylight, sun [0-9.]+ degrees above the"
                + " horizon");

        rules.clock.set(EVENING);   // no new sample: the sun alone ends it
        rules.advance(75);
        assertThat(rules.outbox.states("sl-005", "dayBurner")).containsExactly("raised", "cleared");
    }

    @Test
    void rulesReadingTheSunWaitWhenTheSiteHasNoPosition() {
        rules.engine.site(new DemoSite().withoutLocation());
        rules.clock.set(NOON);
        rules.poll("sl-005", "powerState", true, "current", 0.45);
        rules.advance(1500);
        assertThat(rules.outbox.states("sl-005", "dayBurner")).isEmpty();
    }

    @Test
    void photocellSwitchesTheContactorWithSeparateOnAndOffLevelsAndAHoldTime() {
        rules.poll("cab-001", "illuminance", 20000L);
        assertThat(rules.control.value("cab-001", "contactorState")).as("daylight: held off").isEqualTo(false);

        rules.poll("cab-001", "illuminance", 25L);
        rules.advance(29);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(false);
        rules.advance(1);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(true);
        PointClaim claim = rules.control.effective("cab-001", "contactorState").orElseThrow();
        assertThat(claim.source()).isEqualTo(ControlSource.RULE);
        assertThat(claim.owner()).isEqualTo("photocell");
        assertThat(claim.until()).isEqualTo(Long.MAX_VALUE);

        rules.poll("cab-001", "illuminance", 45L);   // between the levels: stays on
        rules.advance(700);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(true);
        rules.poll("cab-001", "illuminance", 70L);
        rules.advance(59);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(true);
        rules.advance(1);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(false);

        rules.poll("cab-001", "illuminance", 45L);   // between the levels: stays off
        rules.advance(300);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(false);

        // A passing shadow: on after 30 s, light again at once, but the contactor holds 600 s.
        rules.poll("cab-001", "illuminance", 10L);
        rules.advance(30);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(true);
        rules.poll("cab-001", "illuminance", 30000L);
        rules.advance(599);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(true);
        rules.advance(1);
        assertThat(rules.control.value("cab-001", "contactorState")).isEqualTo(false);
        assertThat(rules.outbox.offered).as("the photocell rule only writes").isEmpty();
    }

    @Test
    void theGpioPhotocellSwitchesItsCabinetsContactorThroughTheSameArbiter() {
        rules.poll("cab-002", "photocellDark", false);
        rules.advance(60);
        assertThat(rules.control.value("cab-002", "contactorState")).as("daylight: held off").isEqualTo(false);
        rules.poll("cab-002", "photocellDark", true);
        rules.advance(29);
        assertThat(rules.control.value("cab-002", "contactorState")).as("debounced").isEqualTo(false);
        rules.advance(1);
        assertThat(rules.control.value("cab-002", "contactorState")).isEqualTo(true);
        assertThat(rules.control.effective("cab-002", "contactorState").orElseThrow().owner())
                .isEqualTo("photocell-gpio");
        assertThat(rules.control.value("cab-001", "contactorState")).as("the Modbus cabinet is not its target")
                .isNull();
    }

    @Test
    void pm25AboveItsLimitRaisesAnAlarmWithHysteresis() {
        rules.poll("aq-001", "pm25", 55L);
        rules.advance(300);
        assertThat(rules.outbox.states("aq-001", "pm25High")).containsExactly("raised");
        EventSchema.assertValid(rules.outbox.events().get(0));
        assertThat(rules.outbox.events().get(0).path("value").asLong()).isEqualTo(55);
        rules.poll("aq-001", "pm25", 45L);   // below 50 but not below 40: still raised
        rules.advance(600);
        assertThat(rules.outbox.states("aq-001", "pm25High")).containsExactly("raised");
        rules.poll("aq-001", "pm25", 35L);
        rules.advance(300);
        assertThat(rules.outbox.states("aq-001", "pm25High")).containsExactly("raised", "cleared");
    }

    @Test
    void waterLevelAboveItsThresholdRaisesAnAlarm() {
        rules.poll("wl-001", "currentLevel", 1.9, "rainRate", 12L);
        rules.advance(120);
        assertThat(rules.outbox.offered).isEmpty();
        rules.poll("wl-001", "currentLevel", 2.2);
        rules.advance(60);
        assertThat(rules.outbox.states("wl-001", "waterLevelHigh")).containsExactly("raised");
        JsonNode raised = rules.outbox.events().get(0);
        EventSchema.assertValid(raised);
        assertThat(raised.path("reason").asText()).isEqualTo("water at 2.2 m");
    }

    @Test
    void floodSetsTheLightsOfTheStreetToFullAndReleasesThemAfterwards() {
        List<String> street = List.of("sl-005", "sl-006", "sl-007", "sl-008");
        rules.poll("wl-001", "currentLevel", 2.6);
        rules.advance(30);
        for (String lamp : street) {
            assertThat(rules.control.value(lamp, "dimLevel")).as(lamp).isEqualTo(100L);
            assertThat(rules.control.value(lamp, "powerState")).as(lamp).isEqualTo(true);
        }
        assertThat(rules.control.claims("sl-001")).as("circuit A is another street").isEmpty();
        assertThat(rules.control.claimed).allMatch(c -> c.source() == ControlSource.RULE
                && c.owner().equals("flood-lights"));
        assertThat(rules.outbox.states("wl-001", "flood")).containsExactly("raised");
        JsonNode flood = rules.outbox.events().stream().filter(e -> e.path("event").asText().equals("flood"))
                .findFirst().orElseThrow();
        EventSchema.assertValid(flood);
        assertThat(flood.path("severity").asText()).isEqualTo("critical");
        assertThat(flood.path("value").asDouble()).isEqualTo(2.6);

        rules.poll("wl-001", "currentLevel", 2.0);   // receding; the lights hold 1800 s from the start
        rules.advance(1000);
        assertThat(rules.control.value("sl-007", "dimLevel")).isEqualTo(100L);
        rules.advance(799);
        assertThat(rules.control.value("sl-007", "dimLevel")).isEqualTo(100L);
        rules.advance(1);
        for (String lamp : street) {
            assertThat(rules.control.claims(lamp)).as(lamp + " back to its schedule").isEmpty();
        }
        assertThat(rules.outbox.states("wl-001", "flood")).containsExactly("raised", "cleared");
    }
}
