package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Quality;
import org.cityedge.cabinet.io.internal.gpio.GpioProvider;
import org.cityedge.cabinet.io.internal.gpio.GpioUnavailableException;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.gpio.PinsFactory;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.junit.jupiter.api.Test;

class GpioUnavailableTest {

    @Test
    void aProviderThatFailsThreeTimesThenWorksRecoversByItself() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Rig[] self = new Rig[1];
        PinsFactory flaky = pins -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new GpioUnavailableException("gpiod: no /dev/gpiochip* on this machine", null);
            }
            Pi4jPins p = Pi4jPins.open(GpioProvider.MOCK, pins);
            self[0].opened.set(p);
            return p;
        };
        try (Rig rig = self[0] = new Rig(Rig.DEFAULT_PINS, 0, new String[0], flaky, () -> LedPattern.STEADY)) {
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.UNKNOWN);

            rig.scanAt(0); // 1st attempt fails; next in 100 ms
            DeviceHealth down = rig.engine.health().get(0);
            assertThat(down.state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(down.errors()).containsEntry("gpioUnavailable", 1L);
            assertThat(rig.samples).isNotEmpty().allMatch(s -> s.quality() == Quality.BAD
                    && s.reason().equals("gpioUnavailable"));
            WriteResult write = rig.engine.write(Rig.DEVICE, "contactorState", true).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(write.ok()).isFalse();
            assertThat(write.error()).startsWith("GPIO unavailable: gpiod: no /dev/gpiochip*");

            rig.scanAt(50); // backoff: no attempt yet
            assertThat(attempts).hasValue(1);
            rig.scanAt(100); // 2nd fails; next in 200 ms
            rig.scanAt(300); // 3rd fails; next in 400 ms (the cap)
            assertThat(attempts).hasValue(3);
            assertThat(rig.engine.health().get(0).errors()).containsEntry("gpioUnavailable", 3L);
            assertThat(rig.engine.gpioWarnings()).as("the outage is logged once").isEqualTo(1);

            rig.scanAt(700); // 4th works
            DeviceHealth up = rig.engine.health().get(0);
            assertThat(up.state()).isEqualTo(DeviceState.ONLINE);
            assertThat(up.errors()).containsEntry("gpioUnavailable", 3L);
            assertThat(rig.engine.gpioProblem()).isNull();
            assertThat(rig.engine.write(Rig.DEVICE, "contactorState", true).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).ok()).isTrue();
        }
    }

    @Test
    void theRealProvidersFailCleanlyOnAMachineWithoutGpio() {
        org.junit.jupiter.api.Assumptions.assumeFalse(new java.io.File("/dev/gpiochip0").exists(),
                "this machine has GPIO");
        try (Rig rig = new Rig(Rig.DEFAULT_PINS, 0, new String[0], Pi4jPins.factory(GpioProvider.AUTO),
                () -> LedPattern.STEADY)) {
            rig.scanAt(0);
            rig.scanAt(1000);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(rig.engine.gpioProblem()).contains("gpiod: no /dev/gpiochip*");
            assertThat(rig.engine.gpioWarnings()).isEqualTo(1);
        }
    }
}
