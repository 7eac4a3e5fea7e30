package org.cityedge.cabinet.io.internal.gpio;

/**
 * Which BCM pin is which, and its polarity ({@code activeHigh}: the logical {@code true} is a HIGH level). A pin
 * number below 0 means not wired.
 *
 * @param pull              pull resistor of the inputs: {@code up}, {@code down} or {@code off}
 * @param contactorAtStart  level the contactor output is set to when the pins are opened
 */
public record PinAssignment(int contactor, boolean contactorActiveHigh, int feedback, boolean feedbackActiveHigh,
        int door, boolean doorActiveHigh, int photocell, boolean photocellActiveHigh, int led, boolean ledActiveHigh,
        String pull, boolean contactorAtStart) {

    public PinAssignment {
        pull = pull == null ? "up" : pull.trim().toLowerCase();
    }

    public boolean hasFeedback() {
        return feedback >= 0;
    }

    public boolean hasContactor() {
        return contactor >= 0;
    }
}
