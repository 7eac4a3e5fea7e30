package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.junit.jupiter.api.Test;

class DebounceTest {

    @Test
    void aBounceShorterThanDebouncePublishesNothingAndAHeldChangeOneSample() {
        try (Rig rig = new Rig(Rig.DEFAULT_PINS, 50, new String[0], null, () -> LedPattern.STEADY)) {
            rig.scanAt(0);
            rig.set(Pi4jPins.DOOR, false);
            rig.scanAt(10);
            rig.scanAt(70); // closed held 60 ms: established
            assertThat(rig.samplesOf("doorOpen")).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(false));
            rig.samples.clear();

            // contact bounce: open for 40 ms (< 50), closed again
            rig.set(Pi4jPins.DOOR, true);
            rig.scanAt(100);
            rig.scanAt(120);
            rig.scanAt(140);
            rig.set(Pi4jPins.DOOR, false);
            rig.scanAt(160);
            rig.scanAt(240);
            assertThat(rig.samples).isEmpty();
            assertThat(rig.events).isEmpty();

            // the door really opens
            rig.set(Pi4jPins.DOOR, true);
            rig.scanAt(300);
            rig.scanAt(340);
            assertThat(rig.samples).as("not yet held 50 ms").isEmpty();
            rig.scanAt(350);
            rig.scanAt(370);
            rig.scanAt(500);
            assertThat(rig.samples).singleElement().satisfies(s -> {
                assertThat(s.point()).isEqualTo("doorOpen");
                assertThat(s.value()).isEqualTo(true);
                assertThat(s.deviceId()).isEqualTo(Rig.DEVICE);
            });
        }
    }

    @Test
    void debouncerAlone() {
        Debouncer d = new Debouncer(50);
        assertThat(d.update(true, 0)).isFalse();
        assertThat(d.stable()).isNull();
        assertThat(d.update(true, 50)).isTrue();
        assertThat(d.update(false, 60)).isFalse();
        assertThat(d.update(true, 100)).isFalse(); // back before 50 ms: no change
        assertThat(d.update(false, 110)).isFalse();
        assertThat(d.update(false, 159)).isFalse();
        assertThat(d.update(false, 160)).isTrue();
        assertThat(d.stable()).isFalse();
    }
}
