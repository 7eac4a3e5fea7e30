package org.cityedge.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.WriteResult;
import org.cityedge.rules.support.DemoSite;
import org.cityedge.rules.support.FakePointControl;
import org.cityedge.rules.support.RulesFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims the arbiter refused (it kept nothing) are sent again from the tick, with a growing delay. */
class ClaimRetryTest {

    private static final Instant START = Instant.parse("2026-11-23T20:00:00Z");
    private static final String FLOOD = """
            {"type": "ruleset", "version": 1, "rules": [
              {"id": "flood", "inputs": {"level": "wl-001.currentLevel"}, "when": "level > 2.5",
               "actions": [{"write": {"point": "dimLevel", "value": 100, "group": "circuit-b"}}]}]}""";

    @TempDir
    Path dir;
    private RulesFixture rules;

    @AfterEach
    void stop() {
        rules.close();
    }

    /** An arbiter that refuses (as before its site is loaded) or fails writes until told otherwise. */
    private static final class MoodyControl implements PointControl {
        final FakePointControl accepted = new FakePointControl();
        final List<PointClaim> calls = new ArrayList<>();
        String failure = "claim refused: the site is not loaded yet";

        @Override
        public CompletionStage<ClaimResult> claim(PointClaim claim) {
            calls.add(claim);
            if (failure == null) {
                return accepted.claim(claim);
            }
            WriteResult write = new WriteResult(claim.deviceId(), claim.point(), claim.value(), null, false, failure);
            return CompletableFuture.completedFuture(new ClaimResult(claim, null, write));
        }

        @Override
        public void release(String deviceId, String point, ControlSource source, String owner) {
            accepted.release(deviceId, point, source, owner);
        }

        @Override
        public void releaseAll(ControlSource source, String owner) {
            accepted.releaseAll(source, owner);
        }

        @Override
        public Optional<PointClaim> effective(String deviceId, String point) {
            return accepted.effective(deviceId, point);
        }

        @Override
        public List<PointClaim> claims(String deviceId) {
            return accepted.claims(deviceId);
        }
    }

    private MoodyControl floodWith(String failure) throws Exception {
        rules = new RulesFixture(dir, START, new DemoSite());
        MoodyControl control = new MoodyControl();
        control.failure = failure;
        rules.engine.control(control);
        rules.install(FLOOD);
        rules.poll("wl-001", "currentLevel", 2.8);
        assertThat(control.calls).hasSize(4);
        return control;
    }

    private void tickAfter(double seconds) {
        rules.clock.advanceSeconds(seconds);
        rules.engine.tick();
    }

    @Test
    void aRefusedClaimIsPlacedOnceTheArbiterAcceptsIt() throws Exception {
        MoodyControl control = floodWith("claim refused: the site is not loaded yet");
        tickAfter(1);
        assertThat(control.calls).as("not before the first delay").hasSize(4);

        control.failure = null;
        tickAfter(ClaimKeeper.FIRST_RETRY_MS / 1000.0);
        assertThat(control.calls).hasSize(8);
        for (String lamp : List.of("sl-005", "sl-006", "sl-007", "sl-008")) {
            assertThat(control.accepted.value(lamp, "dimLevel")).as(lamp).isEqualTo(100L);
        }
        tickAfter(ClaimKeeper.MAX_RETRY_MS / 1000.0);
        assertThat(control.calls).as("placed claims are not sent again").hasSize(8);
    }

    @Test
    void retriesOfAClaimStillRefusedComeLessAndLessOften() throws Exception {
        MoodyControl control = floodWith("claim refused: the site is not loaded yet");
        tickAfter(ClaimKeeper.FIRST_RETRY_MS / 1000.0);   // refusal seen, first retry scheduled
        tickAfter(ClaimKeeper.FIRST_RETRY_MS / 1000.0);
        assertThat(control.calls).as("first retry").hasSize(8);
        tickAfter(ClaimKeeper.FIRST_RETRY_MS / 1000.0);   // second refusal seen: next in twice the delay
        tickAfter(ClaimKeeper.FIRST_RETRY_MS / 1000.0);
        assertThat(control.calls).as("the delay doubled").hasSize(8);
        tickAfter(ClaimKeeper.FIRST_RETRY_MS / 1000.0);
        assertThat(control.calls).as("second retry").hasSize(12);
    }

    @Test
    void aReleasedClaimIsNotRetried() throws Exception {
        MoodyControl control = floodWith("claim refused: the site is not loaded yet");
        rules.poll("wl-001", "currentLevel", 1.0);
        assertThat(rules.engine.claims()).isEmpty();
        tickAfter(1);
        tickAfter(ClaimKeeper.MAX_RETRY_MS / 1000.0);
        assertThat(control.calls).hasSize(4);
    }

    @Test
    void aFailedWriteIsLeftToTheArbitersDriftWatch() throws Exception {
        MoodyControl control = floodWith("no answer from the device");
        tickAfter(1);
        tickAfter(ClaimKeeper.MAX_RETRY_MS / 1000.0);
        assertThat(control.calls).as("the arbiter kept the claim; no retry").hasSize(4);
        assertThat(rules.engine.stats().snapshot().claimFailures()).isEqualTo(4);
    }
}
