package org.cityedge.api.field;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears a scan as it goes (a progress bar, a live console). Must return quickly and not throw. */
@ConsumerType
public interface ScanListener {

    /**
     * @param done      unit ids asked so far (over every line setting tried)
     * @param total     unit ids to ask (an estimate while line settings are still being tried)
     * @param elapsedMs time since the scan started
     * @param etaMs     estimated time to the end
     */
    void progress(int done, int total, long elapsedMs, long etaMs);

    /** A device answered. */
    void found(FoundDevice device);
}
