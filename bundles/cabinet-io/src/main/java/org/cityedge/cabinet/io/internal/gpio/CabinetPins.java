package org.cityedge.cabinet.io.internal.gpio;

/**
 * The cabinet's wiring in logical terms: {@code true} means contactor closed, door open, photocell dark, feedback
 * contact closed, LED lit, whatever the electrical polarity. A pin that is not wired reads {@code null} and ignores
 * writes. Methods throw {@link RuntimeException} when the GPIO fails; callers treat that as the pins being lost.
 * Not thread-safe: one thread drives it.
 */
public interface CabinetPins extends AutoCloseable {

    /** The contactor output as driven, or null when not wired. */
    Boolean contactor();

    void driveContactor(boolean closed);

    /** The auxiliary contact of the contactor, or null when not wired. */
    Boolean feedback();

    Boolean door();

    Boolean photocell();

    void driveLed(boolean lit);

    /** Releases and re-creates the input pins only: the outputs (contactor, LED) are not touched. */
    void reopenInputs();

    /** Releases the pins (shuts the Pi4J context down). Never throws. */
    @Override
    void close();
}
