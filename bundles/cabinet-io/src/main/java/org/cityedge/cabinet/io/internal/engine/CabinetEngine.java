package org.cityedge.cabinet.io.internal.engine;

import static org.cityedge.cabinet.io.internal.engine.CabinetDevice.CONTACTOR;
import static org.cityedge.cabinet.io.internal.engine.CabinetDevice.DOOR;
import static org.cityedge.cabinet.io.internal.engine.CabinetDevice.PHOTOCELL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.Site;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.cabinet.io.internal.gpio.CabinetPins;
import org.cityedge.cabinet.io.internal.gpio.PinAssignment;
import org.cityedge.cabinet.io.internal.gpio.PinsFactory;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cabinet's pins for the one GPIO device of the site. Every pin access happens on one thread (the scan),
 * writes included, so a write never races a read. Runs without OSGi: the component feeds it the site, the sinks, the
 * outbox and the LED pattern; tests drive {@link #scanNow()} with their own clock.
 */
public final class CabinetEngine implements FieldDevices, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CabinetEngine.class);
    private static final long LED_REFRESH_MS = 1000;
    /** The scan counts as stalled after this many periods without one (at least {@link #STALL_MIN_MS}). */
    private static final long STALL_SCANS = 10;
    private static final long STALL_MIN_MS = 1000;

    private final EngineSettings settings;
    private final PinAssignment wiring;
    private final PinsSupervisor supervisor;
    private final SampleSink sink;
    private final DoorAlarm doorAlarm;
    private final Supplier<LedPattern> ledPattern;
    private final LongSupplier clock;
    private final ScheduledExecutorService scan;
    private final ExecutorService led;
    private final AtomicBoolean ledRefreshing = new AtomicBoolean();
    private final Debouncer door;
    private final Debouncer photocell;
    private final Debouncer feedback;

    // confined to the scan thread
    private Boolean lastContactor;
    private long lastPeriodic = Long.MIN_VALUE / 2;
    private long mismatchSince = -1;
    private long ledRefreshAt = Long.MIN_VALUE / 2;
    private Boolean ledLit;

    // read by other threads
    private volatile LedPattern pattern = LedPattern.OFF;
    private volatile long lastScanAt = Long.MIN_VALUE;
    private volatile CabinetDevice device;
    private volatile boolean pinsOpen;
    private volatile boolean contactorStuck;
    private volatile long lastSeen;
    private volatile long responseMicros;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong readErrors = new AtomicLong();
    private final AtomicLong feedbackMismatches = new AtomicLong();
    private final AtomicLong badWrites = new AtomicLong();
    private final AtomicLong siteGeneration = new AtomicLong();

    public CabinetEngine(EngineSettings settings, PinsFactory pins, SampleSink sink, Supplier<Outbox> outbox,
            Supplier<LedPattern> ledPattern, LongSupplier clock) {
        this(settings, pins, sink, outbox, ledPattern, clock, EngineMemory.NONE);
    }

    /** @param memory the contactor state to keep and the tamper alarm's state file */
    public CabinetEngine(EngineSettings settings, PinsFactory pins, SampleSink sink, Supplier<Outbox> outbox,
            Supplier<LedPattern> ledPattern, LongSupplier clock, EngineMemory memory) {
        this.settings = settings;
        this.wiring = settings.pins();
        this.supervisor = new PinsSupervisor(pins, wiring, settings.retryInitialMs(), settings.retryMaxMs());
        this.supervisor.resume(memory.contactorClosed());
        this.sink = sink;
        this.doorAlarm = new DoorAlarm(outbox, settings.windows(), memory.doorAlarmFile());
        this.ledPattern = ledPattern;
        this.clock = clock;
        this.door = new Debouncer(settings.debounceMs());
        this.photocell = new Debouncer(settings.debounceMs());
        this.feedback = new Debouncer(settings.debounceMs());
        this.scan = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cabinet-io");
            t.setDaemon(true);
            return t;
        });
        // the LED looks at every driver and the site service: a slow one must never hold up the scan
        this.led = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cabinet-io-led");
            t.setDaemon(true);
            return t;
        });
        settings.windows().problems().forEach(p -> LOG.warn("cabinet I/O: {}", p));
        if (wiring.hasContactor() && !wiring.hasFeedback()) {
            LOG.info("cabinet I/O: no feedbackPin: a contactor write is confirmed by reading back the output pin, "
                    + "which shows the gateway drove it, not that the relay or the contactor moved");
        }
    }

    /** Starts the periodic scan (tests that step time by hand do not call it). */
    public CabinetEngine start() {
        scan.scheduleWithFixedDelay(this::scanSafely, 0, settings.scanPeriodMs(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Applies a new site: picks the first GPIO device with a GPIO profile; extra ones are reported, not served. */
    public void update(Site site, Map<String, DeviceProfile> profiles) {
        siteGeneration.incrementAndGet();
        run(() -> apply(site, profiles));
    }

    /** The site service went away: after {@code graceMs} without a new site, serve nothing. */
    public void siteGone(long graceMs) {
        long generation = siteGeneration.get();
        try {
            scan.schedule(() -> {
                if (siteGeneration.get() == generation) {
                    LOG.info("cabinet I/O: no site service; no cabinet device served");
                    apply(Site.EMPTY, Map.of());
                }
            }, graceMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // closed meanwhile
        }
    }

    private void apply(Site site, Map<String, DeviceProfile> profiles) {
        List<CabinetDevice> found = CabinetDevice.of(site, profiles);
        CabinetDevice next = found.isEmpty() ? null : found.get(0);
        for (CabinetDevice extra : found.subList(Math.min(1, found.size()), found.size())) {
            LOG.warn("cabinet I/O: device {} on GPIO bus {} not served: this gateway's pins belong to {}", extra.id(),
                    extra.bus(), next.id());
        }
        CabinetDevice previous = device;
        if (previous != null && next != null && previous.id().equals(next.id())
                && previous.profile().equals(next.profile()) && previous.zone().equals(next.zone())) {
            return;
        }
        device = next;
        doorAlarm.reset();
        lastPeriodic = Long.MIN_VALUE / 2; // a new device gets a full snapshot at the next scan
        if (next == null) {
            LOG.info("cabinet I/O: no GPIO device in the site");
        } else {
            LOG.info("cabinet I/O: serving device {} (profile {})", next.id(), next.profile().id());
            warnUnwired(next);
        }
    }

    private void warnUnwired(CabinetDevice d) {
        Map<String, Integer> pins = Map.of(CONTACTOR, wiring.contactor(), DOOR, wiring.door(), PHOTOCELL,
                wiring.photocell());
        d.profile().points().forEach(p -> {
            Integer pin = pins.get(p.name());
            if (pin == null) {
                LOG.warn("cabinet I/O: point {} of profile {} has no pin in this driver; not published", p.name(),
                        d.profile().id());
            } else if (pin < 0) {
                LOG.info("cabinet I/O: point {} is not wired (its pin is -1); not published", p.name());
            }
        });
    }

    /** Runs one scan now on the scan thread and waits for it (tests). */
    public void scanNow() {
        call(() -> {
            scanSafely();
            return null;
        });
    }

    private void scanSafely() {
        try {
            scanOnce();
        } catch (RuntimeException e) {
            LOG.error("cabinet I/O: scan failed", e); // never kill the scheduled task
        }
    }

    private void scanOnce() {
        long now = clock.getAsLong();
        lastScanAt = now;
        CabinetPins pins = supervisor.ensureOpen(now);
        pinsOpen = pins != null;
        CabinetDevice d = device;
        if (pins == null) {
            lastContactor = null;
            if (d != null && now - lastPeriodic >= settings.samplePeriodMs()) {
                lastPeriodic = now;
                deliver(unavailableSamples(d, now, "gpioUnavailable"));
            }
            return;
        }
        Map<String, Boolean> changed = new LinkedHashMap<>();
        long started = System.nanoTime();
        Boolean output;
        try {
            output = pins.contactor();
        } catch (RuntimeException e) { // the output itself failed: reopen everything (at the commanded state)
            readErrors.incrementAndGet();
            supervisor.lost(now, e);
            pinsOpen = false;
            return;
        }
        try {
            readInputs(pins, now, changed, output);
        } catch (RuntimeException e) { // an input failed: keep the output as driven, retry the inputs
            readErrors.incrementAndGet();
            supervisor.inputsFailed(now, e);
            stepLed(pins, now);
            return;
        }
        supervisor.inputsRead();
        responseMicros = (System.nanoTime() - started) / 1000;
        lastSeen = now;
        polls.incrementAndGet();
        if (d != null) {
            publish(d, changed, now);
            Boolean open = door.stable();
            if (open != null) {
                doorAlarm.evaluate(d.id(), open, now, d.zone());
            }
        }
        stepLed(pins, now);
    }

    private void readInputs(CabinetPins pins, long now, Map<String, Boolean> changed, Boolean output) {
        Boolean level = pins.door();
        if (level != null && door.update(level, now)) {
            changed.put(DOOR, door.stable());
        }
        level = pins.photocell();
        if (level != null && photocell.update(level, now)) {
            changed.put(PHOTOCELL, photocell.stable());
        }
        level = pins.feedback();
        if (level != null) {
            feedback.update(level, now);
        }
        Boolean contactor = wiring.hasFeedback() ? feedback.stable() : output;
        if (contactor != null && !contactor.equals(lastContactor)) {
            changed.put(CONTACTOR, contactor);
        }
        lastContactor = contactor;
        watchFeedback(output, now);
    }

    /** The contactor is stuck when its auxiliary contact disagrees with the output for longer than the settle time. */
    private void watchFeedback(Boolean output, long now) {
        Boolean aux = feedback.stable();
        if (output == null || aux == null || aux.equals(output)) {
            mismatchSince = -1;
            contactorStuck = false;
        } else if (mismatchSince < 0) {
            mismatchSince = now;
        } else if (now - mismatchSince > settings.feedbackSettleMs()) {
            contactorStuck = true;
        }
    }

    private void publish(CabinetDevice d, Map<String, Boolean> changed, long now) {
        Map<String, Boolean> points = new LinkedHashMap<>();
        if (now - lastPeriodic >= settings.samplePeriodMs()) {
            lastPeriodic = now;
            points.put(CONTACTOR, lastContactor);
            points.put(DOOR, door.stable());
            points.put(PHOTOCELL, photocell.stable());
        } else {
            points.putAll(changed);
        }
        List<Sample> samples = new ArrayList<>();
        points.forEach((point, value) -> {
            if (value != null && d.point(point).isPresent()) {
                samples.add(Sample.good(d.id(), point, value, d.unit(point), now));
            }
        });
        deliver(samples);
    }

    private List<Sample> unavailableSamples(CabinetDevice d, long now, String reason) {
        List<Sample> samples = new ArrayList<>();
        d.profile().points().forEach(p -> samples.add(Sample.bad(d.id(), p.name(), p.unit(), now, reason)));
        return samples;
    }

    private void deliver(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        try {
            sink.accept(samples);
        } catch (RuntimeException e) {
            LOG.warn("cabinet I/O: sample sink failed", e);
        }
    }

    private void stepLed(CabinetPins pins, long now) {
        if (wiring.led() < 0) {
            return;
        }
        if (now >= ledRefreshAt) {
            ledRefreshAt = now + LED_REFRESH_MS;
            refreshLedPattern();
        }
        boolean lit = pattern.lit(now);
        if (ledLit == null || ledLit != lit) {
            pins.driveLed(lit);
            ledLit = lit;
        }
    }

    /** Computes the pattern on the LED thread; skipped while the previous computation still runs (a slow driver). */
    private void refreshLedPattern() {
        if (!ledRefreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            led.execute(() -> {
                try {
                    pattern = ledPattern.get();
                } catch (RuntimeException e) {
                    LOG.debug("cabinet I/O: LED pattern not computed", e);
                } finally {
                    ledRefreshing.set(false);
                }
            });
        } catch (RejectedExecutionException stopped) {
            ledRefreshing.set(false);
        }
    }

    /** Waits until the LED pattern requested so far has been computed (tests). */
    void awaitLedPattern() {
        try {
            led.submit(() -> null).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cabinet I/O LED thread did not answer", e);
        }
    }

    /** Waits until every task queued before this call (site updates, writes) has run. */
    void awaitQueued() {
        call(() -> null);
    }

    /** The pattern the LED shows now (tests, console). */
    public LedPattern ledPattern() {
        return pattern;
    }

    /** The contactor's last commanded state, null when never known: the next engine keeps it. */
    public Boolean contactorCommanded() {
        return supervisor.contactor();
    }

    // ---------------------------------------------------------------- FieldDevices

    public Set<String> deviceIds() {
        CabinetDevice d = device;
        return d == null ? Set.of() : Set.of(d.id());
    }

    public CompletionStage<WriteResult> write(String deviceId, String point, Object value) {
        CabinetDevice d = device;
        String refused = refuseWrite(d, deviceId, point, value);
        if (refused != null) {
            badWrites.incrementAndGet();
            LOG.info("cabinet I/O: write refused: {}", refused);
            return CompletableFuture.completedFuture(new WriteResult(deviceId, point, value, null, false, refused));
        }
        boolean requested = toBoolean(value);
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        try {
            scan.execute(() -> drive(deviceId, requested, result));
        } catch (RejectedExecutionException e) {
            result.complete(failure(deviceId, requested, null, "cabinet I/O driver stopped"));
        }
        return result;
    }

    private String refuseWrite(CabinetDevice d, String deviceId, String point, Object value) {
        if (d == null || !d.id().equals(deviceId)) {
            return "unknown device " + deviceId + " (cabinet I/O serves " + deviceIds() + ")";
        }
        if (d.point(point).isEmpty()) {
            return "device " + deviceId + " has no point " + point;
        }
        if (!CONTACTOR.equals(point) || !d.point(point).get().writable()) {
            return "point " + point + " of device " + deviceId + " is not writable";
        }
        if (!wiring.hasContactor()) {
            return "the contactor is not wired (contactorPin = -1)";
        }
        if (!(value instanceof Boolean) && !(value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1))) {
            return "contactorState takes true or false, not " + value;
        }
        return null;
    }

    private static boolean toBoolean(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).doubleValue() == 1;
    }

    private void drive(String deviceId, boolean requested, CompletableFuture<WriteResult> result) {
        CabinetPins pins = supervisor.current();
        if (pins == null) {
            result.complete(failure(deviceId, requested, null, "GPIO unavailable: " + supervisor.problem()));
            return;
        }
        try {
            pins.driveContactor(requested);
            supervisor.commanded(requested);
            if (!wiring.hasFeedback()) {
                Boolean readBack = pins.contactor();
                result.complete(readBack != null && readBack == requested
                        ? new WriteResult(deviceId, CONTACTOR, requested, readBack, true, null)
                        : failure(deviceId, requested, readBack, "contactor output reads " + readBack + " after "
                                + "the write"));
                return;
            }
        } catch (RuntimeException e) {
            readErrors.incrementAndGet();
            supervisor.lost(clock.getAsLong(), e);
            pinsOpen = false;
            result.complete(failure(deviceId, requested, null, "GPIO failed: " + e.getMessage()));
            return;
        }
        scan.schedule(() -> verifyFeedback(deviceId, requested, result), settings.feedbackSettleMs(),
                TimeUnit.MILLISECONDS);
    }

    /** Reads the auxiliary contact once the contactor had time to move. */
    private void verifyFeedback(String deviceId, boolean requested, CompletableFuture<WriteResult> result) {
        CabinetPins pins = supervisor.current();
        Boolean aux;
        try {
            aux = pins == null ? null : pins.feedback();
        } catch (RuntimeException e) {
            aux = null;
        }
        if (aux != null && aux == requested) {
            result.complete(new WriteResult(deviceId, CONTACTOR, requested, aux, true, null));
            return;
        }
        feedbackMismatches.incrementAndGet();
        String error = aux == null ? "contactor feedback could not be read: " + supervisor.problem()
                : "contactor feedback (auxiliary contact on BCM " + wiring.feedback() + ") reads " + (aux ? "closed"
                        : "open") + " " + settings.feedbackSettleMs() + " ms after switching it "
                        + (requested ? "on" : "off") + ": check the relay, the contactor coil and the wiring";
        LOG.warn("cabinet I/O: {}: {}", deviceId, error);
        result.complete(failure(deviceId, requested, aux, error));
    }

    private static WriteResult failure(String deviceId, boolean requested, Boolean readBack, String error) {
        return new WriteResult(deviceId, CONTACTOR, requested, readBack, false, error);
    }

    public CompletionStage<List<Sample>> readNow(String deviceId) {
        CabinetDevice d = device;
        if (d == null || !d.id().equals(deviceId)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown device " + deviceId
                    + " (cabinet I/O serves " + deviceIds() + ")"));
        }
        CompletableFuture<List<Sample>> result = new CompletableFuture<>();
        try {
            scan.execute(() -> result.complete(readAll(d)));
        } catch (RejectedExecutionException e) {
            result.complete(unavailableSamples(d, clock.getAsLong(), "driverStopped"));
        }
        return result;
    }

    private List<Sample> readAll(CabinetDevice d) {
        long now = clock.getAsLong();
        CabinetPins pins = supervisor.current();
        if (pins == null) {
            return unavailableSamples(d, now, "gpioUnavailable");
        }
        try {
            Map<String, Boolean> values = new LinkedHashMap<>();
            values.put(CONTACTOR, wiring.hasFeedback() ? pins.feedback() : pins.contactor());
            values.put(DOOR, pins.door());
            values.put(PHOTOCELL, pins.photocell());
            List<Sample> samples = new ArrayList<>();
            values.forEach((point, value) -> {
                if (value != null && d.point(point).isPresent()) {
                    samples.add(Sample.good(d.id(), point, value, d.unit(point), now));
                }
            });
            return samples;
        } catch (RuntimeException e) {
            readErrors.incrementAndGet();
            return unavailableSamples(d, now, "readError: " + e.getMessage());
        }
    }

    public List<DeviceHealth> health() {
        CabinetDevice d = device;
        if (d == null) {
            return List.of();
        }
        DeviceState state;
        if (!pinsOpen) {
            state = supervisor.attempted() ? DeviceState.OFFLINE : DeviceState.UNKNOWN;
        } else if (polls.get() == 0) {
            state = DeviceState.UNKNOWN;
        } else if (scanStalled()) {
            state = DeviceState.OFFLINE; // door and contactor are not served while the scan is stuck
        } else if (supervisor.inputsFailing()) {
            state = DeviceState.DEGRADED;
        } else {
            state = contactorStuck ? DeviceState.DEGRADED : DeviceState.ONLINE;
        }
        Map<String, Long> errors = new LinkedHashMap<>();
        putIfAny(errors, "gpioUnavailable", supervisor.unavailableCount());
        putIfAny(errors, "readError", readErrors.get());
        putIfAny(errors, "feedbackMismatch", feedbackMismatches.get());
        putIfAny(errors, "badWrite", badWrites.get());
        putIfAny(errors, "eventDelayed", doorAlarm.delayed());
        return List.of(new DeviceHealth(d.id(), d.bus(), state, lastSeen, responseMicros, polls.get(), errors));
    }

    private boolean scanStalled() {
        long last = lastScanAt;
        long limit = Math.max(STALL_SCANS * settings.scanPeriodMs(), STALL_MIN_MS);
        return last != Long.MIN_VALUE && clock.getAsLong() - last > limit;
    }

    private static void putIfAny(Map<String, Long> errors, String kind, long count) {
        if (count > 0) {
            errors.put(kind, count);
        }
    }

    /** WARN lines written about GPIO outages (one an outage). */
    public long gpioWarnings() {
        return supervisor.warnings();
    }

    /** Why the GPIO is unavailable now, or null. */
    public String gpioProblem() {
        return supervisor.problem();
    }

    /** Turns the LED off (gateway stopping), releases the pins and stops the scan thread. */
    @Override
    public void close() {
        if (scan.isShutdown()) {
            return;
        }
        try {
            scan.submit(() -> {
                CabinetPins pins = supervisor.current();
                if (pins != null && wiring.led() >= 0) {
                    try {
                        pins.driveLed(false);
                    } catch (RuntimeException e) {
                        LOG.debug("cabinet I/O: LED not switched off", e);
                    }
                }
                supervisor.closePins();
                pinsOpen = false;
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("cabinet I/O: pins not released cleanly", e);
        }
        led.shutdownNow();
        scan.shutdownNow();
        try {
            scan.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Runnable task) {
        try {
            scan.execute(task);
        } catch (RejectedExecutionException stopped) {
            // closed: nothing to apply
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> task) {
        try {
            return scan.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cabinet I/O scan thread did not answer", e);
        }
    }
}
