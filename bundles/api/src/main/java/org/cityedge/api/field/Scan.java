package org.cityedge.api.field;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** A running scan. */
@ProviderType
public interface Scan {

    /** Completes when the scan ends: every device found, in unit id order. */
    CompletionStage<ScanResult> result();

    /** Stops after the unit id being asked; the result then holds what was found so far. */
    void cancel();

    /**
     * The outcome of a scan.
     *
     * @param devices      devices found, in unit id order
     * @param asked        unit ids asked (over every line setting tried)
     * @param elapsedMs    duration of the scan
     * @param absentMicros mean time spent on a unit id that did not answer (the timeout plus line time)
     * @param cancelled    true when {@link #cancel()} ended it early
     */
    record ScanResult(List<FoundDevice> devices, int asked, long elapsedMs, long absentMicros, boolean cancelled) {

        public ScanResult {
            devices = List.copyOf(devices);
        }
    }
}
