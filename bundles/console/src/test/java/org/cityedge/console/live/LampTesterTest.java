package org.cityedge.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.CommandDefinition;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.console.ManualClock;
import org.cityedge.console.TestProfiles;
import org.cityedge.console.live.LampTester.LampPoints;
import org.junit.jupiter.api.Test;

class LampTesterTest {

    private final ManualClock clock = new ManualClock(10_000_000);
    private final List<Long> pauses = new ArrayList<>();
    private final LampTester tester = new LampTester(clock, pauses::add);
    private final List<PointClaim> placed = new ArrayList<>();
    private final PointControl control = mock(PointControl.class);

    private void writesSucceed() {
        when(control.claim(any())).thenAnswer(inv -> {
            PointClaim c = inv.getArgument(0);
            placed.add(c);
            return CompletableFuture.completedFuture(new ClaimResult(c, c,
                    new WriteResult(c.deviceId(), c.point(), c.value(), c.value(), true, null)));
        });
    }

    @Test
    void findsTheLampPointsThroughTheProfile() {
        assertThat(LampPoints.of(TestProfiles.lamp())).isEqualTo(new LampPoints("dimLevel", "powerState"));

        DeviceProfile commandOnly = new DeviceProfile("x", "v", "m", DeviceKind.STREETLIGHT_CONTROLLER, null, null,
                List.of(TestProfiles.point("outputLevel", RegisterTable.HOLDING, DataType.UINT16,
                        Access.READ_WRITE)),
                List.of(new CommandDefinition("dim", "", List.of(new CommandDefinition.Write("outputLevel", "level",
                        null)))), null, "test");
        assertThat(LampPoints.of(commandOnly)).isEqualTo(new LampPoints("outputLevel", null));

        DeviceProfile sensor = new DeviceProfile("aq", "v", "m", DeviceKind.AIR_QUALITY, null, null,
                List.of(TestProfiles.point("dimLevel", RegisterTable.INPUT, DataType.UINT16, Access.READ)), List.of(),
                null, "t");
        assertThat(LampPoints.of(sensor).none()).as("a read-only dimLevel is no lamp").isTrue();
    }

    @Test
    void dimIsAnOverrideClaimOwnedByTheConsoleUntilNowPlusSeconds() {
        writesSucceed();

        LampTester.DimOutcome r = tester.dim(control, "sl-001", "dimLevel", 40, 60);

        assertThat(r.ok()).isTrue();
        assertThat(r.readBack()).isEqualTo(40.0);
        assertThat(placed).containsExactly(new PointClaim("sl-001", "dimLevel", 40.0, ControlSource.OVERRIDE,
                "console", clock.getAsLong() + 60_000));
    }

    @Test
    void aRefusedOrFailedWriteIsReported() {
        when(control.claim(any())).thenAnswer(inv -> {
            PointClaim c = inv.getArgument(0);
            return CompletableFuture.completedFuture(ClaimResult.refused(c, null, "unknown device sl-404"));
        });

        LampTester.DimOutcome refused = tester.dim(control, "sl-404", "dimLevel", 40, 60);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.error()).contains("unknown device sl-404");

        doAnswer(inv -> {
            PointClaim c = inv.getArgument(0);
            return CompletableFuture.completedFuture(new ClaimResult(c, c,
                    new WriteResult(c.deviceId(), c.point(), c.value(), 0L, false, "read back 0, wanted 40")));
        }).when(control).claim(any());
        LampTester.DimOutcome failed = tester.dim(control, "sl-001", "dimLevel", 40, 60);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.readBack()).isEqualTo(0L);
        assertThat(failed.error()).contains("read back 0");
    }

    @Test
    void blinkAlternatesFullOnAndOffThenReleasesItsClaims() {
        writesSucceed();

        LampTester.BlinkOutcome r = tester.blink(control, "sl-001", new LampPoints("dimLevel", "powerState"), 2, 1000);

        assertThat(r.ok()).isTrue();
        assertThat(r.steps()).isEqualTo(4);
        assertThat(placed).extracting(PointClaim::point, PointClaim::value).containsExactly(
                tuple("dimLevel", 100.0),
                tuple("powerState", true),
                tuple("powerState", false),
                tuple("dimLevel", 100.0),
                tuple("powerState", true),
                tuple("powerState", false));
        assertThat(placed).allSatisfy(c -> {
            assertThat(c.source()).isEqualTo(ControlSource.OVERRIDE);
            assertThat(c.owner()).isEqualTo("console");
            assertThat(c.until()).as("claims end by themselves if the console dies mid-blink")
                    .isBetween(clock.getAsLong() + 2000, clock.getAsLong() + 2000 + 60_000);
        });
        assertThat(pauses).containsExactly(500L, 500L, 500L, 500L);
        verify(control).release("sl-001", "dimLevel", ControlSource.OVERRIDE, "console");
        verify(control).release("sl-001", "powerState", ControlSource.OVERRIDE, "console");
        assertThat(tester.blinking("sl-001")).isFalse();
    }

    @Test
    void withoutAnOnOffPointBlinkDimsBetweenFullAndZero() {
        writesSucceed();

        tester.blink(control, "sl-009", new LampPoints("dimLevel", null), 1, 400);

        assertThat(placed).extracting(PointClaim::value).containsExactly(100.0, 0.0);
    }

    @Test
    void aFailedStepStopsTheBlinkAndStillReleases() {
        when(control.claim(any())).thenAnswer(inv -> {
            PointClaim c = inv.getArgument(0);
            boolean ok = !Boolean.FALSE.equals(c.value());
            return CompletableFuture.completedFuture(new ClaimResult(c, c, new WriteResult(c.deviceId(), c.point(),
                    c.value(), ok ? c.value() : null, ok, ok ? null : "timeout")));
        });

        LampTester.BlinkOutcome r = tester.blink(control, "sl-001", new LampPoints("dimLevel", "powerState"), 3, 1000);

        assertThat(r.ok()).isFalse();
        assertThat(r.steps()).isEqualTo(1);
        assertThat(r.error()).isEqualTo("timeout");
        verify(control).release("sl-001", "powerState", ControlSource.OVERRIDE, "console");
    }

    @Test
    void aDimIsRefusedWhileTheLampBlinksItsEndWouldReleaseIt() throws Exception {
        writesSucceed();
        CountDownLatch inPause = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        LampTester slow = new LampTester(clock, ms -> {
            inPause.countDown();
            goOn.await(10, TimeUnit.SECONDS);
        });
        Thread blink = new Thread(() -> slow.blink(control, "sl-001", new LampPoints("dimLevel", null), 1, 400));
        blink.start();
        try {
            assertThat(inPause.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> slow.dim(control, "sl-001", "dimLevel", 40, 600))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("a blink is running on sl-001");
            assertThat(slow.dim(control, "sl-002", "dimLevel", 40, 600).ok()).as("another lamp").isTrue();
        } finally {
            goOn.countDown();
            blink.join(10_000);
        }
        assertThat(placed).extracting(PointClaim::deviceId, PointClaim::value).doesNotContain(tuple("sl-001", 40.0));
        assertThat(slow.dim(control, "sl-001", "dimLevel", 40, 600).ok()).as("once the blink ended").isTrue();
    }

    @Test
    void aBlinkEndsWithItsClaimsHoweverSlowlyWritesAreVerified() {
        when(control.claim(any())).thenAnswer(inv -> { // each verified write takes 20 s
            PointClaim c = inv.getArgument(0);
            placed.add(c);
            clock.advance(20_000);
            return CompletableFuture.completedFuture(new ClaimResult(c, c,
                    new WriteResult(c.deviceId(), c.point(), c.value(), c.value(), true, null)));
        });

        LampTester.BlinkOutcome r = tester.blink(control, "sl-001", new LampPoints("dimLevel", "powerState"), 3, 1000);

        // 3 x 1 s + 30 s: on (2 claims, 40 s) and nothing more
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("ran out of time");
        assertThat(placed).hasSize(2);
        verify(control).release("sl-001", "powerState", ControlSource.OVERRIDE, "console");
        assertThat(tester.blinking("sl-001")).isFalse();
    }

    @Test
    void oneBlinkAtATimePerDevice() throws Exception {
        writesSucceed();
        CountDownLatch inPause = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        LampTester slow = new LampTester(clock, ms -> {
            inPause.countDown();
            goOn.await(10, TimeUnit.SECONDS);
        });
        Thread first = new Thread(() -> slow.blink(control, "sl-001", new LampPoints("dimLevel", null), 1, 400));
        first.start();
        try {
            assertThat(inPause.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> slow.blink(control, "sl-001", new LampPoints("dimLevel", null), 1, 400))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
        } finally {
            goOn.countDown();
            first.join(10_000);
        }
        assertThat(slow.blinking("sl-001")).isFalse();
    }
}
