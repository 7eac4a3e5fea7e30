package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/** The scan drives the LED pin through the pattern, and switches it off when the engine stops. */
class StatusLedTest {

    @Test
    void theLedPinFollowsThePatternScanByScan() {
        AtomicReference<LedPattern> pattern = new AtomicReference<>(LedPattern.DOUBLE_FLASH);
        try (Rig rig = new Rig(Rig.DEFAULT_PINS, 0, new String[0], null, pattern::get)) {
            long cycleStart = 2_000 - Math.floorMod(rig.clock.get(), 2_000); // align the rig clock on a cycle
            StringBuilder seen = new StringBuilder();
            for (int slot = 0; slot < 20; slot++) {
                rig.scanAt(cycleStart + slot * LedPattern.SLOT_MS + 10);
                seen.append(rig.output(Pi4jPins.LED) == DigitalState.HIGH ? '#' : '.');
            }
            assertThat(seen).hasToString("##..##..............");
            assertThat(rig.engine.ledPattern()).isEqualTo(LedPattern.DOUBLE_FLASH);

            pattern.set(LedPattern.STEADY); // picked up within a second
            rig.scanAt(cycleStart + 2_000 + 10);
            rig.scanAt(cycleStart + 3_500 + 10);
            assertThat(rig.engine.ledPattern()).isEqualTo(LedPattern.STEADY);
            assertThat(rig.output(Pi4jPins.LED)).isEqualTo(DigitalState.HIGH);

            Pi4jPins pins = rig.opened.get();
            DigitalOutput led = pins.context().registry().get(Pi4jPins.LED, DigitalOutput.class);
            rig.engine.close();
            assertThat(led.state()).as("LED off: gateway stopped").isEqualTo(DigitalState.LOW);
            assertThat(pins.context().registry().exists(Pi4jPins.LED)).as("context shut down").isFalse();
        }
    }
}
