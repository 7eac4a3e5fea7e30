package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.cityedge.api.field.DeviceState;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * The scan drives the LED pin through the pattern, and switches it off when the engine stops. The pattern is computed
 * on its own thread: a slow driver or site service never holds up the scan (door, contactor).
 */
class StatusLedTest {

    @Test
    void theLedPinFollowsThePatternScanByScan() {
        AtomicReference<LedPattern> pattern = new AtomicReference<>(LedPattern.DOUBLE_FLASH);
        try (Rig rig = new Rig(Rig.DEFAULT_PINS, 0, new String[0], null, pattern::get)) {
            long cycleStart = 2_000 - Math.floorMod(rig.clock.get(), 2_000); // align the rig clock on a cycle
            rig.scanAt(cycleStart - 50); // asks the LED thread for the pattern
            rig.engine.awaitLedPattern();
            StringBuilder seen = new StringBuilder();
            for (int slot = 0; slot < 20; slot++) {
                rig.scanAt(cycleStart + slot * LedPattern.SLOT_MS + 10);
                seen.append(rig.output(Pi4jPins.LED) == DigitalState.HIGH ? '#' : '.');
            }
            assertThat(seen).hasToString("##..##..............");
            assertThat(rig.engine.ledPattern()).isEqualTo(LedPattern.DOUBLE_FLASH);

            pattern.set(LedPattern.STEADY); // picked up within a second
            rig.scanAt(cycleStart + 2_000 + 10);
            rig.engine.awaitLedPattern();
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

    @Test
    void aStuckLedPatternNeverHoldsUpTheDoorAlarm() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Supplier<LedPattern> slowDriver = () -> {
            try {
                release.await(30, TimeUnit.SECONDS); // e.g. another driver's health() blocked on its bus
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LedPattern.STEADY;
        };
        try (Rig rig = new Rig(Rig.DEFAULT_PINS, 0, new String[0], null, slowDriver)) {
            try {
                rig.scanAt(0);
                rig.set(Pi4jPins.DOOR, true);
                rig.scanAt(20);
                rig.scanAt(1_100); // a refresh is due, the previous one still hangs: not queued again
                assertThat(rig.events).as("tamper raised while the LED pattern hangs").hasSize(1);
                assertThat(rig.engine.ledPattern()).isEqualTo(LedPattern.OFF);
            } finally {
                release.countDown();
            }
            rig.engine.awaitLedPattern();
            assertThat(rig.engine.ledPattern()).isEqualTo(LedPattern.STEADY);
            rig.scanAt(1_120);
            assertThat(rig.output(Pi4jPins.LED)).isEqualTo(DigitalState.HIGH);
        }
    }

    @Test
    void aStalledScanReportsTheDeviceOffline() {
        try (Rig rig = new Rig(Rig.DEFAULT_PINS)) {
            rig.scanAt(0);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.ONLINE);
            rig.clock.addAndGet(900); // late, not stalled (10 scan periods, at least 1 s)
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.ONLINE);
            rig.clock.addAndGet(200); // no scan for 1.1 s
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.OFFLINE);
            rig.scanAt(1_120);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.ONLINE);
        }
    }
}
