package org.cityedge.modbus.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.field.ScanRequest;
import org.cityedge.api.field.ScanRequest.LineSetting;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.Parity;
import org.cityedge.modbus.internal.scan.ProfileMatcher;
import org.cityedge.modbus.internal.scan.ScanTiming;
import org.cityedge.modbus.internal.wire.LinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running scan of a bus, on a thread of its own that hears the unit ids' outcomes and tells the listener.
 *
 * <p>Under the bus's own line setting each unit id is one job queued on the bus like a poll, so configured devices
 * keep being polled between unit ids. A foreign setting (another baud, parity or stop bits, for auto-detection) is one
 * job that reopens the port for it, asks the whole range and closes it: polling pauses for that sweep only, and the
 * next poll reopens the port with the bus's own setting. Settings are tried in order until one finds a device.
 */
final class BusScan implements Scan {

    private static final Logger LOG = LoggerFactory.getLogger(BusScan.class);
    /** Longest wait for the next unit's outcome (queued behind polls, identification and signatures included). */
    private static final long STALL_MS = 60_000;
    private static final Object END = new Object();

    private record Attempt(BusDefinition line, LineSetting reported, boolean foreign) {
    }

    private record Failure(Exception cause) {
    }

    private final ScanRequest request;
    private final ScanListener listener;
    private final BusLine line;
    private final ProfileMatcher matcher;
    private final int extraDelayMs;
    private final CompletableFuture<ScanResult> result = new CompletableFuture<>();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<FoundDevice> found = new ArrayList<>();
    private final int span;
    private volatile boolean cancelled;
    private long startedNanos;
    private int asked;
    private int absent;
    private long absentMicros;
    private double estimatedUnitMs;

    BusScan(ScanRequest request, ScanListener listener, BusLine line, ProfileMatcher matcher, int extraDelayMs) {
        this.request = request;
        this.listener = listener;
        this.line = line;
        this.matcher = matcher;
        this.extraDelayMs = extraDelayMs;
        this.span = request.lastUnit() - request.firstUnit() + 1;
    }

    BusScan start() {
        BusLine.daemon(this::run, "modbus-scan-" + line.bus.id()).start();
        return this;
    }

    @Override
    public CompletionStage<ScanResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    private void run() {
        startedNanos = System.nanoTime();
        try {
            List<Attempt> attempts = attempts();
            for (int i = 0; i < attempts.size() && !cancelled; i++) {
                int before = found.size();
                sweep(attempts.get(i), attempts.size() - 1 - i);
                if (found.size() > before) {
                    break; // the first setting under which a device answers is the bus's
                }
            }
            found.sort(Comparator.comparingInt(FoundDevice::unitId));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            LOG.info("bus {}: scan of units {}..{} {} after {} ids in {} ms: {} devices", line.bus.id(),
                    request.firstUnit(), request.lastUnit(), cancelled ? "cancelled" : "done", asked, elapsedMs,
                    found.size());
            result.complete(new ScanResult(found, asked, elapsedMs, absent == 0 ? 0 : absentMicros / absent,
                    cancelled));
        } catch (Exception | Error e) {
            LOG.warn("bus {}: scan failed after {} ids: {}", line.bus.id(), asked, e.toString());
            result.completeExceptionally(e);
        }
    }

    /** The line settings to try: the request's on a serial bus, else the bus's own. */
    private List<Attempt> attempts() {
        BusDefinition bus = line.bus;
        if (bus.type() != BusType.SERIAL) {
            return List.of(new Attempt(bus, null, false));
        }
        if (request.lineSettings().isEmpty()) {
            return List.of(new Attempt(bus, new LineSetting(bus.baud(), bus.parity(), Math.max(1, bus.stopBits())),
                    false));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (LineSetting s : request.lineSettings()) {
            Parity parity = s.parity() == null ? Parity.NONE : s.parity();
            int stopBits = Math.max(1, s.stopBits());
            LineSetting reported = new LineSetting(s.baud(), parity, stopBits);
            boolean own = s.baud() == bus.baud() && parity == bus.parity() && stopBits == Math.max(1, bus.stopBits());
            attempts.add(own ? new Attempt(bus, reported, false) : new Attempt(new BusDefinition(bus.id(),
                    bus.type(), bus.port(), s.baud(), parity, stopBits, bus.host(), bus.tcpPort(),
                    bus.interFrameDelayMs(), bus.maxConnections()), reported, true));
        }
        return attempts;
    }

    private void sweep(Attempt attempt, int settingsAfter) throws Exception {
        int timeoutMs = request.timeoutMs() > 0 ? request.timeoutMs() : ScanTiming.defaultTimeoutMs(attempt.line());
        long gapNanos = ScanTiming.silenceNanos(attempt.line()) + extraDelayMs * 1_000_000L;
        estimatedUnitMs = ScanTiming.absentFloorMs(attempt.line(), timeoutMs) + gapNanos / 1e6;
        UnitProbe probe = UnitProbe.onBus(line.bus.id(), attempt.reported(), timeoutMs,
                ScanTiming.identifyTimeoutMs(attempt.line(), timeoutMs), matcher);
        int askedBefore = asked;
        int foundBefore = found.size();
        if (attempt.foreign()) {
            LOG.info("bus {}: scanning at {}; polling pauses meanwhile", line.bus.id(), attempt.reported());
            line.submit(new SweepJob(probe, attempt.line(), gapNanos, request.firstUnit(), request.lastUnit()),
                    false);
            try {
                drain(askedBefore, foundBefore, settingsAfter);
            } catch (LinkException e) {
                // this setting cannot be used (the port refuses it): the next one may
                LOG.warn("bus {}: cannot scan at {}: {}", line.bus.id(), attempt.reported(), e.getMessage());
            }
            return;
        }
        for (int unit = request.firstUnit(); unit <= request.lastUnit() && !cancelled; unit++) {
            line.submit(new SweepJob(probe, attempt.line(), gapNanos, unit, unit), false);
            drain(askedBefore, foundBefore, settingsAfter);
        }
    }

    /** Hears one job's outcomes until it ends. */
    private void drain(int askedBefore, int foundBefore, int settingsAfter) throws Exception {
        while (true) {
            Object event = events.poll(STALL_MS, TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new IllegalStateException("bus " + line.bus.id() + ": no answer from the bus queue in "
                        + STALL_MS + " ms");
            }
            if (event == END) {
                return;
            }
            if (event instanceof Failure f) {
                drainToEnd();
                throw f.cause();
            }
            UnitProbe.Outcome outcome = (UnitProbe.Outcome) event;
            asked++;
            if (outcome.found() != null) {
                found.add(outcome.found());
                tell(() -> listener.found(outcome.found()));
            } else {
                absent++;
                absentMicros += outcome.micros();
            }
            int settingsLeft = found.size() > foundBefore ? 0 : settingsAfter;
            int total = askedBefore + span + settingsLeft * span;
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            double perUnitMs = asked > 0 ? (double) elapsedMs / asked : estimatedUnitMs;
            long etaMs = Math.round(Math.max(0, total - asked) * perUnitMs);
            tell(() -> listener.progress(asked, total, elapsedMs, etaMs));
        }
    }

    private void drainToEnd() throws InterruptedException {
        for (Object e = events.poll(STALL_MS, TimeUnit.MILLISECONDS); e != null && e != END;
                e = events.poll(STALL_MS, TimeUnit.MILLISECONDS)) {
            // outcomes after a failure are dropped
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debug("scan listener failed", e); // a faulty listener must not end the scan
        }
    }

    /** Asks unit ids {@code from..to} on the bus thread, stopping early on cancel. */
    private final class SweepJob implements BusLine.Job {
        private final UnitProbe probe;
        private final BusDefinition setting;
        private final long gapNanos;
        private final int from;
        private final int to;

        SweepJob(UnitProbe probe, BusDefinition setting, long gapNanos, int from, int to) {
            this.probe = probe;
            this.setting = setting;
            this.gapNanos = gapNanos;
            this.from = from;
            this.to = to;
        }

        @Override
        public void run(BusLine.Slot slot) {
            UnitProbe.Wire wire = new UnitProbe.Wire() {
                @Override
                public <T> T transact(int timeoutMs, BusLine.Transaction<T> transaction) throws LinkException {
                    return line.transact(slot, setting, timeoutMs, gapNanos, transaction);
                }
            };
            try {
                for (int unit = from; unit <= to && !cancelled; unit++) {
                    events.add(probe.ask(wire, unit));
                }
            } catch (LinkException | RuntimeException e) {
                events.add(new Failure(e));
            } finally {
                line.restoreOwnSetting(slot);
                events.add(END);
            }
        }

        @Override
        public void abandon(String why) {
            events.add(new Failure(new IllegalStateException(why)));
            events.add(END);
        }
    }
}
