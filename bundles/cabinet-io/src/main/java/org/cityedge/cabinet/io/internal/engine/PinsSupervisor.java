package org.cityedge.cabinet.io.internal.engine;

import org.cityedge.cabinet.io.internal.gpio.CabinetPins;
import org.cityedge.cabinet.io.internal.gpio.GpioUnavailableException;
import org.cityedge.cabinet.io.internal.gpio.PinAssignment;
import org.cityedge.cabinet.io.internal.gpio.PinsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pins open: opens them, and when that fails (no GPIO on this machine, provider not ready yet) retries
 * with a doubling delay up to a cap. An outage is logged once at WARN with its reason, the retries at DEBUG, the
 * recovery at INFO, so a gateway without GPIO does not flood its log. Driven by the scan thread only.
 */
final class PinsSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(PinsSupervisor.class);

    private final PinsFactory factory;
    private final PinAssignment assignment;
    private final long retryInitialMs;
    private final long retryMaxMs;
    private CabinetPins pins;
    private long nextAttempt;
    private long delay;
    private int failuresInRow;
    private volatile long unavailable;
    private volatile long warnings;
    private volatile boolean attempted;
    private volatile String problem;

    PinsSupervisor(PinsFactory factory, PinAssignment assignment, long retryInitialMs, long retryMaxMs) {
        this.factory = factory;
        this.assignment = assignment;
        this.retryInitialMs = Math.max(1, retryInitialMs);
        this.retryMaxMs = Math.max(this.retryInitialMs, retryMaxMs);
        this.delay = this.retryInitialMs;
    }

    /** The open pins, opening them when a retry is due; null while the GPIO is unavailable. */
    CabinetPins ensureOpen(long now) {
        if (pins != null || now < nextAttempt) {
            return pins;
        }
        attempted = true;
        try {
            pins = factory.open(assignment);
        } catch (GpioUnavailableException | RuntimeException | LinkageError e) {
            failed(now, e instanceof GpioUnavailableException ? e.getMessage() : e.toString());
            return null;
        }
        if (failuresInRow > 0) {
            LOG.info("cabinet I/O: GPIO available again after {} failed attempt(s)", failuresInRow);
        }
        failuresInRow = 0;
        delay = retryInitialMs;
        problem = null;
        return pins;
    }

    /** The pins failed while in use: close them and retry like a failed open. */
    void lost(long now, RuntimeException e) {
        closePins();
        failed(now, "GPIO failed: " + e);
    }

    private void failed(long now, String reason) {
        unavailable++;
        failuresInRow++;
        problem = reason;
        if (failuresInRow == 1) {
            warnings++;
            LOG.warn("cabinet I/O: GPIO unavailable, cabinet devices OFFLINE, the rest of the gateway runs on; "
                    + "retrying with backoff from {} ms up to {} ms. Reason: {}", retryInitialMs, retryMaxMs, reason);
        } else {
            LOG.debug("cabinet I/O: GPIO still unavailable (attempt {}): {}", failuresInRow, reason);
        }
        nextAttempt = now + delay;
        delay = Math.min(delay * 2, retryMaxMs);
    }

    CabinetPins current() {
        return pins;
    }

    /** Failed opens and losses since start. */
    long unavailableCount() {
        return unavailable;
    }

    /** WARN lines written about outages: one an outage. */
    long warnings() {
        return warnings;
    }

    boolean attempted() {
        return attempted;
    }

    /** Why the GPIO is unavailable now, or null. */
    String problem() {
        return problem;
    }

    void closePins() {
        if (pins != null) {
            pins.close();
            pins = null;
        }
    }
}
