package org.cityedge.cabinet.io.internal.engine;

import org.cityedge.cabinet.io.internal.gpio.PinAssignment;

/**
 * The engine's configuration, from Metatype (see CabinetIoConfig for the meaning of each).
 *
 * @param scanPeriodMs     how often the inputs are read (and the LED stepped)
 * @param debounceMs       how long an input level must hold before it counts
 * @param samplePeriodMs   every point is published at least this often; changes are published at once
 * @param feedbackSettleMs after a contactor write, how long the auxiliary contact gets to follow
 */
public record EngineSettings(PinAssignment pins, MaintenanceWindows windows, long scanPeriodMs, long debounceMs,
        long samplePeriodMs, long feedbackSettleMs, long retryInitialMs, long retryMaxMs) {

    public EngineSettings {
        scanPeriodMs = Math.max(5, scanPeriodMs);
        samplePeriodMs = Math.max(scanPeriodMs, samplePeriodMs);
        feedbackSettleMs = Math.max(0, feedbackSettleMs);
    }
}
