package org.cityedge.coap.internal;

import org.cityedge.api.profile.PollClass;

/**
 * The driver's settings (see {@link CoapConfig} for their meaning), free of OSGi so tests build them directly.
 */
public record DriverConfig(boolean allowPlain, boolean serverEnabled, String bindAddress, int serverPort,
        int plainPort, String pskFile, int maxPayloadBytes, long fastPeriodMs, long normalPeriodMs,
        long slowPeriodMs, int offlineAfterFailures, long backoffInitialMs, long backoffCapMs,
        long observeGraceMs, long pskCheckMs, long errorLogIntervalMs, long pushStaleAfterMs) {

    /** Defaults of {@link CoapConfig}. */
    public static DriverConfig defaults() {
        return new DriverConfig(false, true, "0.0.0.0", 5684, 5683, null, 1024, 1000, 10_000, 60_000, 3, 1000,
                60_000, 10_000, 5000, 60_000, 900_000);
    }

    public long period(PollClass c) {
        return switch (c) {
            case FAST -> fastPeriodMs;
            case NORMAL -> normalPeriodMs;
            case SLOW -> slowPeriodMs;
        };
    }

    public DriverConfig withPlain(boolean allow) {
        return new DriverConfig(allow, serverEnabled, bindAddress, serverPort, plainPort, pskFile, maxPayloadBytes,
                fastPeriodMs, normalPeriodMs, slowPeriodMs, offlineAfterFailures, backoffInitialMs, backoffCapMs,
                observeGraceMs, pskCheckMs, errorLogIntervalMs, pushStaleAfterMs);
    }
}
