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
 *
 * <p>The contactor drives the lighting circuit, so only a cold start (no state known) opens it at
 * {@code contactorOnAtStart}; every later open (recovery, reconfiguration) restores the last commanded state. A
 * failed input read keeps every pin open and re-creates only the inputs, so it never touches the contactor.
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
    private volatile Boolean contactor;
    private volatile boolean inputsFailing;
    private long inputsRetryAt;
    private long inputsDelay;

    PinsSupervisor(PinsFactory factory, PinAssignment assignment, long retryInitialMs, long retryMaxMs) {
        this.factory = factory;
        this.assignment = assignment;
        this.retryInitialMs = Math.max(1, retryInitialMs);
        this.retryMaxMs = Math.max(this.retryInitialMs, retryMaxMs);
        this.delay = this.retryInitialMs;
    }

    /** The state the contactor keeps at the next open (from the previous engine), or null for a cold start. */
    void resume(Boolean contactorClosed) {
        contactor = contactorClosed;
    }

    /** The last commanded contactor state (the start state once opened), or null when never known. */
    Boolean contactor() {
        return contactor;
    }

    /** A write drove the contactor: a later reopen restores this state. */
    void commanded(boolean closed) {
        contactor = closed;
    }

    /** The open pins, opening them when a retry is due; null while the GPIO is unavailable. */
    CabinetPins ensureOpen(long now) {
        if (pins != null) {
            retryInputs(now);
            return pins;
        }
        if (now < nextAttempt) {
            return null;
        }
        attempted = true;
        Boolean known = contactor;
        try {
            pins = factory.open(known == null ? assignment : assignment.withContactorAtStart(known));
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
        inputsFailing = false;
        contactor = known == null ? assignment.contactorAtStart() : known;
        return pins;
    }

    /** Reading an input failed: the pins stay open (the contactor as driven); the inputs are re-created when due. */
    void inputsFailed(long now, RuntimeException e) {
        if (inputsFailing) {
            return;
        }
        inputsFailing = true;
        inputsDelay = retryInitialMs;
        inputsRetryAt = now + inputsDelay;
        LOG.warn("cabinet I/O: reading the inputs failed, the contactor output is kept as driven; retrying: {}",
                e.toString());
    }

    /** The inputs read fine (again). */
    void inputsRead() {
        if (inputsFailing) {
            inputsFailing = false;
            LOG.info("cabinet I/O: inputs read again");
        }
    }

    boolean inputsFailing() {
        return inputsFailing;
    }

    private void retryInputs(long now) {
        if (!inputsFailing || now < inputsRetryAt) {
            return;
        }
        inputsDelay = Math.min(inputsDelay * 2, retryMaxMs);
        inputsRetryAt = now + inputsDelay;
        try {
            pins.reopenInputs();
            LOG.info("cabinet I/O: input pins re-created");
        } catch (RuntimeException e) {
            LOG.debug("cabinet I/O: input pins not re-created", e);
        }
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
