package org.cityedge.cabinet.io.internal.engine;

import java.nio.file.Path;

/**
 * What an engine takes over from before it: the contactor state the previous engine (same component, earlier
 * configuration) last commanded, and where the tamper alarm is remembered across restarts.
 *
 * @param contactorClosed the contactor's last commanded state; null on a cold start ({@code contactorOnAtStart}
 *                        applies at the first open)
 * @param doorAlarmFile   file that records a delivered raise (the bundle's data area), or null: memory only
 */
public record EngineMemory(Boolean contactorClosed, Path doorAlarmFile) {

    /** A cold start without a state file (tests, a bundle without a data area). */
    public static final EngineMemory NONE = new EngineMemory(null, null);
}
