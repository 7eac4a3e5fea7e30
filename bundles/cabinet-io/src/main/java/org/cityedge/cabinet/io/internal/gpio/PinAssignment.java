package org.cityedge.cabinet.io.internal.gpio;

/**
 * Which BCM pin is which, and its polarity ({@code activeHigh}: the logical {@code true} is a HIGH level). A pin
 * number below 0 means not wired.
 *
 * @param pull              pull resistor of the inputs: {@code up}, {@code down} or {@code off}
 * @param contactorAtStart  logical state the contactor output is set to when the pins are opened (the configured
 *                          {@code contactorOnAtStart} on a cold start, the last commanded state on a reopen)
 */
public record PinAssignment(int contactor, boolean contactorActiveHigh, int feedback, boolean feedbackActiveHigh,
        int door, boolean doorActiveHigh, int photocell, boolean photocellActiveHigh, int led, boolean ledActiveHigh,
        String pull, boolean contactorAtStart) {

    public PinAssignment {
        pull = pull == null ? "up" : pull.trim().toLowerCase();
    }

    /** The same wiring, opening the contactor output at {@code closed}. */
    public PinAssignment withContactorAtStart(boolean closed) {
        return new PinAssignment(contactor, contactorActiveHigh, feedback, feedbackActiveHigh, door, doorActiveHigh,
                photocell, photocellActiveHigh, led, ledActiveHigh, pull, closed);
    }

    public boolean hasFeedback() {
        return feedback >= 0;
    }

    public boolean hasContactor() {
        return contactor >= 0;
    }
}
