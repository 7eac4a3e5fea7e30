package org.cityedge.cabinet.io.internal.gpio;

/** Opens the cabinet's pins; the seam where tests wrap the mock platform or inject failures. */
@FunctionalInterface
public interface PinsFactory {

    /** Opens every wired pin, or throws with a reason a technician can act on. */
    CabinetPins open(PinAssignment pins) throws GpioUnavailableException;
}
