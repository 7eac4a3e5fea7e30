package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.cabinet.io.internal.gpio.PinAssignment;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalState;

/**
 * The contactor powers the lighting circuit: {@code contactorOnAtStart} is for a cold start only. Switched on at
 * night, it stays on through input failures, output failures and a new engine (configuration change).
 */
class ContactorKeptTest {

    private static WriteResult switchOn(Rig rig) throws Exception {
        return rig.engine.write(Rig.DEVICE, "contactorState", true).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aColdStartAppliesContactorOnAtStart() {
        PinAssignment onAtStart = Rig.DEFAULT_PINS.withContactorAtStart(true);
        try (Rig rig = new Rig(onAtStart)) {
            rig.scanAt(0);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.HIGH);
            assertThat(rig.engine.contactorCommanded()).isTrue();
        }
    }

    @Test
    void anInputFailureAtNightNeverTouchesTheContactor() throws Exception {
        FailingPins.Faults faults = new FailingPins.Faults();
        try (Rig rig = Rig.failing(Rig.DEFAULT_PINS, faults)) {
            rig.scanAt(0);
            assertThat(switchOn(rig).ok()).isTrue();

            faults.doorReads.set(1); // one failed read
            rig.scanAt(20);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.DEGRADED);
            rig.scanAt(40); // reads again
            rig.scanAt(500); // well past any retry delay
            assertThat(rig.opens).as("the pins were never closed").hasValue(1);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.HIGH);
            assertThat(faults.inputReopens).as("one failure heals by itself").hasValue(0);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.ONLINE);
            assertThat(rig.engine.health().get(0).errors()).containsEntry("readError", 1L)
                    .doesNotContainKey("gpioUnavailable");

            faults.doorReads.set(3); // a lasting failure: only the inputs are re-created, after the retry delay
            rig.scanAt(520);
            rig.scanAt(600);
            assertThat(faults.inputReopens).hasValue(0);
            rig.scanAt(620); // 100 ms (retryInitialMs) after the first failure
            assertThat(faults.inputReopens).hasValue(1);
            rig.scanAt(640);
            assertThat(rig.opens).hasValue(1);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.HIGH);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.ONLINE);
            assertThat(rig.samplesOf("doorOpen")).last().satisfies(s -> assertThat(s.value()).isEqualTo(false));
        }
    }

    @Test
    void anOutputFailureReopensThePinsAtTheCommandedState() throws Exception {
        FailingPins.Faults faults = new FailingPins.Faults();
        try (Rig rig = Rig.failing(Rig.DEFAULT_PINS, faults)) {
            rig.scanAt(0);
            assertThat(switchOn(rig).ok()).isTrue();

            faults.contactorReads.set(1);
            rig.scanAt(20); // the pins are lost, reopened after retryInitialMs
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.OFFLINE);
            rig.scanAt(200);
            assertThat(rig.opens).hasValue(2);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).as("reopened closed, not at contactorOnAtStart")
                    .isEqualTo(DigitalState.HIGH);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.ONLINE);
        }
    }

    @Test
    void aNewEngineKeepsWhatThePreviousOneCommanded() throws Exception {
        Boolean kept;
        try (Rig before = new Rig(Rig.DEFAULT_PINS)) {
            before.scanAt(0);
            assertThat(switchOn(before).ok()).isTrue();
            kept = before.engine.contactorCommanded();
        }
        assertThat(kept).isTrue();
        try (Rig after = new Rig(Rig.DEFAULT_PINS, 0, new String[0], null, () -> LedPattern.STEADY,
                new EngineMemory(kept, null))) {
            after.scanAt(0);
            assertThat(after.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.HIGH);
        }
    }
}
