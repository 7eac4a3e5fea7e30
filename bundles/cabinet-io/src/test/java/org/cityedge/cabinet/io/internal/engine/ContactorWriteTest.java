package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalState;

class ContactorWriteTest {

    private static WriteResult await(Rig rig, Object value) throws Exception {
        return rig.engine.write(Rig.DEVICE, "contactorState", value).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void writeDrivesTheOutputAndReadsItBack() throws Exception {
        try (Rig rig = new Rig(Rig.DEFAULT_PINS)) {
            rig.scanAt(0);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.LOW); // contactorOnAtStart = false

            WriteResult on = await(rig, true);
            assertThat(on.ok()).as(on.error()).isTrue();
            assertThat(on.readBack()).isEqualTo(true);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.HIGH);

            WriteResult off = await(rig, false);
            assertThat(off.ok()).isTrue();
            assertThat(off.readBack()).isEqualTo(false);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.LOW);
        }
    }

    @Test
    void writePublishesTheNewStateAtTheNextScan() throws Exception {
        try (Rig rig = new Rig(Rig.DEFAULT_PINS)) {
            rig.scanAt(0);
            rig.samples.clear();
            await(rig, true);
            rig.scanAt(20);
            assertThat(rig.samplesOf("contactorState")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(true));
        }
    }

    @Test
    void invertedPolarityDrivesLowToClose() throws Exception {
        try (Rig rig = new Rig(Rig.pins(false, -1, true))) {
            rig.scanAt(0);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.HIGH); // open = HIGH when active low

            WriteResult on = await(rig, true);
            assertThat(on.ok()).isTrue();
            assertThat(on.readBack()).isEqualTo(true);
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.LOW);
        }
    }

    @Test
    void feedbackThatFollowsConfirmsTheWrite() throws Exception {
        try (Rig rig = new Rig(Rig.pins(true, 5, true))) {
            rig.scanAt(0);
            rig.set(Pi4jPins.FEEDBACK, true); // the auxiliary contact closes as the contactor pulls in
            WriteResult on = await(rig, true);
            assertThat(on.ok()).as(on.error()).isTrue();
            assertThat(on.readBack()).isEqualTo(true);
        }
    }

    @Test
    void feedbackMismatchFailsTheWriteAndDegradesTheDevice() throws Exception {
        try (Rig rig = new Rig(Rig.pins(true, 5, true))) {
            rig.scanAt(0);
            rig.set(Pi4jPins.FEEDBACK, false); // stuck contactor: the aux contact stays open
            WriteResult on = await(rig, true);
            assertThat(on.ok()).isFalse();
            assertThat(on.readBack()).isEqualTo(false);
            assertThat(on.error()).contains("feedback", "BCM 5", "reads open");
            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.HIGH);
            assertThat(rig.engine.health().get(0).errors()).containsEntry("feedbackMismatch", 1L);

            rig.scanAt(20);
            rig.scanAt(100); // longer than the settle time (20 ms) with output and aux contact apart
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.DEGRADED);
        }
    }

    @Test
    void otherPointsAndUnknownDevicesAreRefusedClearly() throws Exception {
        try (Rig rig = new Rig(Rig.DEFAULT_PINS)) {
            rig.scanAt(0);
            WriteResult door = rig.engine.write(Rig.DEVICE, "doorOpen", true).toCompletableFuture().get();
            assertThat(door.ok()).isFalse();
            assertThat(door.error()).isEqualTo("point doorOpen of device cab-1 is not writable");

            WriteResult unknown = rig.engine.write("lamp-9", "contactorState", true).toCompletableFuture().get();
            assertThat(unknown.ok()).isFalse();
            assertThat(unknown.error()).contains("unknown device lamp-9", "cab-1");

            WriteResult noPoint = rig.engine.write(Rig.DEVICE, "dimLevel", 50L).toCompletableFuture().get();
            assertThat(noPoint.error()).isEqualTo("device cab-1 has no point dimLevel");

            WriteResult notBool = rig.engine.write(Rig.DEVICE, "contactorState", "maybe").toCompletableFuture().get();
            assertThat(notBool.ok()).isFalse();
            assertThat(notBool.error()).contains("true or false");

            assertThat(rig.output(Pi4jPins.CONTACTOR)).isEqualTo(DigitalState.LOW); // nothing was driven
            assertThat(rig.engine.health().get(0).errors()).containsEntry("badWrite", 4L);
            assertThat(rig.engine.health().get(0).state()).isEqualTo(DeviceState.ONLINE);
        }
    }
}
