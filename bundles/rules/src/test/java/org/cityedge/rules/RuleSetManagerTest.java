package org.cityedge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.rules.engine.EngineSettings;
import org.cityedge.rules.engine.EngineStats;
import org.cityedge.rules.support.DemoSite;
import org.cityedge.rules.support.EventSchema;
import org.cityedge.rules.support.RulesFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Install, refuse, store, restart, roll back, verify again: the life of rule sets. */
class RuleSetManagerTest {

    private static final Instant START = Instant.parse("2026-11-23T15:00:00Z");
    private static final String BROKEN_RULE = """
            {"id": "broken", "for": {"profile": "saigon-slc-110"}, "when": "current / 0 > 1",
             "actions": [{"event": {"event": "never"}}]}""";

    @TempDir
    Path dir;
    private final List<RulesFixture> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(RulesFixture::close);
    }

    private RulesFixture gateway() {
        RulesFixture f = new RulesFixture(dir, START, new DemoSite());
        started.add(f);
        return f;
    }

    private static String ruleSet(long version, String rules) {
        return "{\"type\": \"ruleset\", \"version\": " + version + ", \"rules\": [" + rules + "]}";
    }

    @Test
    void installsStoresAndReportsTheRunningVersion() throws Exception {
        RulesFixture rules = gateway();
        assertThat(rules.manager.activeVersion()).isZero();
        assertThat(rules.install(RulesFixture.demoRuleSet(3))).isEqualTo(3);
        assertThat(rules.manager.activeVersion()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("ruleset-v3.json"))).contains("\"sha256\"");
        JsonNode installed = rules.outbox.events().get(0);
        EventSchema.assertValid(installed);
        assertThat(installed.path("device").asText()).isEqualTo("dx-cab-001");
        assertThat(installed.path("event").asText()).isEqualTo("ruleSetInstalled");
        assertThat(installed.path("reason").asText()).isEqualTo("rule set version 3 is running: 7 of 7 rules enabled");

        rules.install(RulesFixture.demoRuleSet(4));
        rules.install(RulesFixture.demoRuleSet(7));
        assertThat(files()).as("the running version and the one before it").containsExactly("ruleset-v4.json",
                "ruleset-v7.json");
    }

    @Test
    void refusesReplayedVersions() throws Exception {
        RulesFixture rules = gateway();
        rules.install(RulesFixture.demoRuleSet(5));
        for (long version : new long[] {5, 4}) {
            DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class,
                    () -> rules.install(RulesFixture.demoRuleSet(version)));
            assertThat(e.code()).isEqualTo("replayed-version");
            assertThat(e.getMessage()).isEqualTo("rule set version " + version
                    + " is not above version 5 (running: 5); versions only grow");
        }
        assertThat(rules.manager.activeVersion()).isEqualTo(5);
    }

    @Test
    void refusesAnInvalidSetAsAWholeAndKeepsTheRunningOne() throws Exception {
        RulesFixture rules = gateway();
        rules.install(RulesFixture.demoRuleSet(1));
        String bad = RulesFixture.demoRuleSet(2).replace("\"illuminance < 30\"", "\"lux < 30\"")
                .replace("\"debounceSeconds\": 300,", "\"debounceSeconds\": \"soon\",");
        DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class, () -> rules.install(bad));
        assertThat(e.code()).isEqualTo("invalid-document");
        assertThat(e.getMessage()).contains("rules[4] (pm25-high).debounceSeconds: ");
        String badExpression = RulesFixture.demoRuleSet(2).replace("\"illuminance < 30\"", "\"lux < 30\"");
        e = catchThrowableOfType(DocumentRefusedException.class, () -> rules.install(badExpression));
        assertThat(e.getMessage()).isEqualTo("rules[2] (photocell).when: unknown variable 'lux': not a point of"
                + " profile saigon-slc-cab3, an input or a time variable");
        assertThat(rules.manager.activeVersion()).isEqualTo(1);
        assertThat(files()).containsExactly("ruleset-v1.json");

        DocumentRefusedException mismatch = catchThrowableOfType(DocumentRefusedException.class,
                () -> rules.manager.install(new VerifiedDocument("ruleset", 9, RulesFixture.demoRuleSet(8))));
        assertThat(mismatch.getMessage()).isEqualTo("version: 8 differs from the verified version 9");
    }

    @Test
    void restartsFromTheStoreAndKeepsRunningTheRules() throws Exception {
        RulesFixture before = gateway();
        before.install(RulesFixture.demoRuleSet(1));
        before.install(RulesFixture.demoRuleSet(2));
        before.close();

        RulesFixture after = gateway();
        after.manager.start(null);
        assertThat(after.manager.activeVersion()).isEqualTo(2);
        after.poll("wl-001", "currentLevel", 2.7);
        after.advance(30);
        assertThat(after.control.value("sl-008", "dimLevel")).isEqualTo(100L);
        DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class,
                () -> after.install(RulesFixture.demoRuleSet(2)));
        assertThat(e.code()).isEqualTo("replayed-version");
    }

    @Test
    void aCorruptStoredSetIsSetAsideAndThePreviousRuns() throws Exception {
        RulesFixture before = gateway();
        before.install(RulesFixture.demoRuleSet(1));
        before.install(RulesFixture.demoRuleSet(2));
        Path newest = dir.resolve("ruleset-v2.json");
        Files.writeString(newest, Files.readString(newest).replace("lamp-failure", "lamp-fai1ure"));

        RulesFixture after = gateway();
        after.manager.start(null);
        assertThat(after.manager.activeVersion()).isEqualTo(1);
        assertThat(files()).containsExactly("ruleset-v1.json", "ruleset-v2.broken.json");
        JsonNode refused = after.outbox.events().get(0);
        EventSchema.assertValid(refused);
        assertThat(refused.path("event").asText()).isEqualTo("ruleSetRefused");
        assertThat(refused.path("reason").asText()).contains("ruleset-v2.json is corrupt");
    }

    @Test
    void aSetFailingInItsProbationIsRolledBack() throws Exception {
        RulesFixture rules = gateway();
        rules.install(RulesFixture.demoRuleSet(1));
        String failing = RulesFixture.demoRuleSet(2).replace("\"rules\": [", "\"rules\": [" + BROKEN_RULE + ",");
        rules.install(failing);
        rules.outbox.offered.clear();
        for (int i = 0; i < 30; i++) {
            rules.poll("sl-00" + (1 + i % 8), "powerState", true, "dimLevel", 100L, "current", 0.4 + i * 0.001);
        }
        rules.advance(1);

        assertThat(rules.manager.activeVersion()).isEqualTo(1);
        JsonNode event = rules.outbox.events().get(0);
        EventSchema.assertValid(event);
        assertThat(event.path("event").asText()).isEqualTo("ruleSetRolledBack");
        assertThat(event.path("severity").asText()).isEqualTo("major");
        assertThat(event.path("reason").asText()).startsWith("rule set version 2 failed: 30 of ")
                .contains("rules[0] (broken).when on sl-0").endsWith("; running version 1 again");
        assertThat(files()).containsExactly("ruleset-v1.json", "ruleset-v2.rolled-back.json");
        DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class,
                () -> rules.install(failing));
        assertThat(e.code()).as("a rolled-back version is not taken again").isEqualTo("replayed-version");

        rules.close();
        RulesFixture restarted = gateway();
        restarted.manager.start(null);
        assertThat(restarted.manager.activeVersion()).as("the rollback survives a restart").isEqualTo(1);
    }

    @Test
    void aFirstSetFailingRollsBackToNoRulesAndFewFailuresAreTolerated() throws Exception {
        RulesFixture rules = gateway();
        rules.install(ruleSet(1, BROKEN_RULE));
        rules.poll("sl-001", "current", 0.4);
        rules.advance(1);
        assertThat(rules.manager.activeVersion()).as("one failure is below the threshold").isEqualTo(1);
        for (int i = 0; i < 25; i++) {
            rules.poll("sl-001", "current", 0.5 + i * 0.01);
        }
        rules.advance(1);
        assertThat(rules.manager.activeVersion()).isZero();
        assertThat(rules.outbox.events()).last().extracting(e -> e.path("reason").asText()).asString()
                .endsWith("; no rule set runs now");
    }

    @Test
    void failuresAfterTheProbationDoNotRollBack() throws Exception {
        RulesFixture rules = new RulesFixture(dir, START, new DemoSite(), new EngineSettings(50, 10_000, 60_000, 20,
                0.05));
        started.add(rules);
        rules.install(ruleSet(1, BROKEN_RULE));
        rules.advance(61);
        for (int i = 0; i < 40; i++) {
            rules.poll("sl-002", "current", 0.5 + i * 0.01);
        }
        rules.advance(1);
        assertThat(rules.manager.activeVersion()).isEqualTo(1);
        EngineStats.Snapshot stats = rules.engine.stats().snapshot();
        assertThat(stats.errors() + stats.timeouts()).as("failed evaluations (a cold first one may overrun)")
                .isEqualTo(40);
    }

    @Test
    void storedEnvelopesAreVerifiedAgainAtStart() throws Exception {
        RulesFixture before = gateway();
        before.install(RulesFixture.demoRuleSet(1), "{\"document\": \"v1\", \"signature\": \"good\"}");
        before.install(RulesFixture.demoRuleSet(2), "{\"document\": \"v2\", \"signature\": \"tampered\"}");
        DocumentVerifier verifier = (type, envelope) -> {
            if (envelope.contains("tampered")) {
                throw new DocumentRefusedException("bad-signature", "the signature does not verify");
            }
            return new VerifiedDocument(type, 1, RulesFixture.demoRuleSet(1));
        };

        RulesFixture after = gateway();
        after.manager.start(verifier);
        assertThat(after.manager.activeVersion()).isEqualTo(1);
        assertThat(files()).containsExactly("ruleset-v1.json", "ruleset-v2.untrusted.json");
        assertThat(after.outbox.events().get(0).path("reason").asText()).isEqualTo("stored rule set version 2"
                + " failed verification: bad-signature: the signature does not verify");
    }

    @Test
    void aVerifierWithoutItsKeyDoesNotDropStoredSets() throws Exception {
        RulesFixture before = gateway();
        before.install(RulesFixture.demoRuleSet(1), "{\"signature\": \"good\"}");
        RulesFixture after = gateway();
        after.manager.start((type, envelope) -> {
            throw new DocumentRefusedException("no-trust-key", "no IOC key is configured");
        });
        assertThat(after.manager.activeVersion()).isEqualTo(1);
        assertThat(files()).containsExactly("ruleset-v1.json");
    }

    @Test
    void aVerifierAppearingLaterChecksTheRunningSet() throws Exception {
        RulesFixture rules = gateway();
        rules.install(RulesFixture.demoRuleSet(1), "{\"signature\": \"good\"}");
        rules.install(RulesFixture.demoRuleSet(2), "{\"signature\": \"tampered\"}");
        rules.outbox.offered.clear();
        rules.manager.verifierAvailable((type, envelope) -> {
            if (envelope.contains("tampered")) {
                throw new DocumentRefusedException("bad-signature", "no");
            }
            return new VerifiedDocument(type, 1, RulesFixture.demoRuleSet(1));
        });
        assertThat(rules.manager.activeVersion()).isEqualTo(1);
        assertThat(rules.outbox.events().get(0).path("event").asText()).isEqualTo("ruleSetRolledBack");
        assertThat(files()).containsExactly("ruleset-v1.json", "ruleset-v2.untrusted.json");
    }

    @Test
    void aStoreThatCannotBeWrittenRefusesTheInstallAndNothingChanges() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("rules"), "a file where the store should be");
        RulesFixture rules = new RulesFixture(notAFolder, START, new DemoSite());
        started.add(rules);
        DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class,
                () -> rules.install(RulesFixture.demoRuleSet(1)));
        assertThat(e.code()).isEqualTo("store-failed");
        assertThat(e.getMessage()).startsWith("cannot store rule set version 1 in " + notAFolder)
                .endsWith("; the running version 0 stays");
        assertThat(rules.manager.activeVersion()).isZero();
        rules.poll("wl-001", "currentLevel", 3.0);
        rules.advance(60);
        assertThat(rules.control.claimed).isEmpty();
    }

    private List<String> files() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tmp")).sorted().toList();
        }
    }
}
