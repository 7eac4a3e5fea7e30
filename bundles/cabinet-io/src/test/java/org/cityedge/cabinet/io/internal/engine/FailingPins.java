package org.cityedge.cabinet.io.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

import org.cityedge.cabinet.io.internal.gpio.CabinetPins;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;

/** Mock-platform pins whose door input or contactor output read fails as many times as a test asks. */
final class FailingPins implements CabinetPins {

    /** Failures still to come, and the inputs re-created so far. */
    static final class Faults {
        final AtomicInteger doorReads = new AtomicInteger();
        final AtomicInteger contactorReads = new AtomicInteger();
        final AtomicInteger inputReopens = new AtomicInteger();
    }

    private final Pi4jPins pins;
    private final Faults faults;

    FailingPins(Pi4jPins pins, Faults faults) {
        this.pins = pins;
        this.faults = faults;
    }

    private static void failIfArmed(AtomicInteger left, String what) {
        if (left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException(what + " read failed (injected)");
        }
    }

    @Override
    public Boolean contactor() {
        failIfArmed(faults.contactorReads, "contactor");
        return pins.contactor();
    }

    @Override
    public void driveContactor(boolean closed) {
        pins.driveContactor(closed);
    }

    @Override
    public Boolean feedback() {
        return pins.feedback();
    }

    @Override
    public Boolean door() {
        failIfArmed(faults.doorReads, "door");
        return pins.door();
    }

    @Override
    public Boolean photocell() {
        return pins.photocell();
    }

    @Override
    public void driveLed(boolean lit) {
        pins.driveLed(lit);
    }

    @Override
    public void reopenInputs() {
        faults.inputReopens.incrementAndGet();
        pins.reopenInputs();
    }

    @Override
    public void close() {
        pins.close();
    }
}
