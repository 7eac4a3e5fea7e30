package org.cityedge.modbus.internal.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.cityedge.api.field.DeviceState;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.field.support.ThrottledLog;
import org.cityedge.modbus.internal.codec.PointDecoder;
import org.cityedge.modbus.internal.plan.PollPlan;
import org.cityedge.modbus.internal.plan.PollPlanner;
import org.cityedge.modbus.internal.plan.ReadBlock;
import org.cityedge.modbus.internal.plan.RequestCost;
import org.cityedge.modbus.internal.wire.ErrorKind;
import org.cityedge.modbus.internal.wire.LinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device: its poll plans, its schedule, its last good values and its health. Polls run on the device's bus;
 * a failed request turns the samples it should have produced into the last good value marked STALE, or BAD when
 * there is none, so downstream sees the failure.
 */
final class DevicePoller {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    final DeviceDefinition device;
    final DeviceProfile profile;
    final BusLine line;
    final DeviceStatus status;
    final int timeoutMs;
    final long gapNanos;
    private final EngineCounters counters;
    private final Consumer<List<Sample>> publisher;
    private final Map<PollClass, PollJob> jobs = new EnumMap<>(PollClass.class);
    private final PollPlan fullPlan;
    private final Map<String, Sample> lastGood = new ConcurrentHashMap<>();
    private final ThrottledLog failureLog;
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();

    DevicePoller(DeviceDefinition device, DeviceProfile profile, BusLine line, EngineConfig config,
            EngineCounters counters, Consumer<List<Sample>> publisher) {
        this.device = device;
        this.profile = profile;
        this.line = line;
        this.counters = counters;
        this.publisher = publisher;
        this.status = new DeviceStatus(device.id(), line.bus.id(), config);
        this.timeoutMs = profile.limits().responseTimeoutMs();
        this.gapNanos = line.gapNanos(profile.limits().interFrameDelayMs());
        this.failureLog = new ThrottledLog(LOG, "device " + device.id() + " (bus " + line.bus.id() + ", unit "
                + device.unitId() + ")", config.errorLogIntervalMs(),
                "answering again");
        RequestCost cost = costModel(config);
        for (PollClass pollClass : PollClass.values()) {
            List<PointDefinition> points = profile.points().stream().filter(p -> p.poll() == pollClass).toList();
            PollPlan plan = config.blockReads() ? PollPlanner.plan(points, profile.limits(), cost)
                    : PollPlanner.naive(points, profile.limits());
            if (!plan.isEmpty()) {
                jobs.put(pollClass, new PollJob(plan));
            }
        }
        fullPlan = config.blockReads() ? PollPlanner.planAll(profile, cost)
                : PollPlanner.naive(profile.points(), profile.limits());
        for (PollPlan.Unreadable u : fullPlan.unreadable()) {
            LOG.warn("device {}: point {} is never read: {}", device.id(), u.point().name(), u.reason());
        }
    }

    private RequestCost costModel(EngineConfig config) {
        return switch (line.bus.type()) {
            case SERIAL -> RequestCost.rtu(line.bus, profile.limits(), config.rtuTurnaroundMs(),
                    config.extraInterFrameDelayMs());
            case TCP -> RequestCost.tcp(config.tcpRequestCostBytes());
            case RTU_OVER_TCP -> new RequestCost(config.tcpRequestCostBytes() + (line.bus.baud() > 0
                    ? RequestCost.rtu(line.bus, profile.limits(), config.rtuTurnaroundMs(),
                            config.extraInterFrameDelayMs()).overheadBytes() : 0));
            case COAP, GPIO -> throw new IllegalStateException("not a Modbus bus: " + line.bus.id());
        };
    }

    /** Starts the periodic polls, the first one after {@code initialDelayMs} (staggering). */
    void schedule(ScheduledExecutorService ticker, EngineConfig config, long initialDelayMs) {
        for (Map.Entry<PollClass, PollJob> job : jobs.entrySet()) {
            PollJob pollJob = job.getValue();
            long period = config.period(job.getKey());
            // the executor fires at the same fixed-rate instants, so each tick knows the slot it was meant for
            pollJob.periodNanos = TimeUnit.MILLISECONDS.toNanos(period);
            pollJob.nextSlotNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(initialDelayMs);
            ticks.add(ticker.scheduleAtFixedRate(() -> tick(pollJob), initialDelayMs, period,
                    TimeUnit.MILLISECONDS));
        }
    }

    void cancel() {
        ticks.forEach(t -> t.cancel(false));
        ticks.clear();
    }

    void retrySoon() {
        status.retrySoon();
    }

    Map<PollClass, PollPlan> plans() {
        Map<PollClass, PollPlan> plans = new EnumMap<>(PollClass.class);
        jobs.forEach((k, v) -> plans.put(k, v.plan));
        return plans;
    }

    private void tick(PollJob job) {
        long slot = job.nextSlotNanos;
        job.nextSlotNanos = slot + job.periodNanos;
        try {
            long now = System.currentTimeMillis();
            // while the bus is down, polls fail at once without the wire and keep downstream told
            if (!status.mayPoll(now) && !line.isDown()) {
                counters.backedOff.increment();
                return;
            }
            if (job.queued.compareAndSet(false, true)) {
                job.slotNanos = slot;
                line.submit(job, false);
            } else {
                counters.overruns.increment();
            }
        } catch (RuntimeException e) {
            // an exception would cancel the periodic task: polling must never die
            LOG.error("device {}: poll scheduling failed", device.id(), e);
        }
    }

    /** Reads every point now, before routine polls. */
    CompletableFuture<List<Sample>> readNow() {
        CompletableFuture<List<Sample>> result = new CompletableFuture<>();
        line.submit(new BusLine.Job() {
            @Override
            public void run(BusLine.Slot slot) {
                result.complete(poll(fullPlan, slot));
            }

            @Override
            public void abandon(String why) {
                result.completeExceptionally(new IllegalStateException(why));
            }
        }, true);
        return result;
    }

    /** Runs a plan on the bus, publishes and returns the samples. */
    List<Sample> poll(PollPlan plan, BusLine.Slot slot) {
        counters.polls.increment();
        List<Sample> out = new ArrayList<>(plan.blocks().size() * 4 + plan.unreadable().size());
        LinkException silence = null;
        boolean answered = false;
        boolean anyFailure = false;
        for (ReadBlock block : plan.blocks()) {
            if (silence != null) {
                // the device did not answer: do not hold the bus with more timeouts in this poll
                spoil(block, silence.counterKey(), System.currentTimeMillis(), out);
                continue;
            }
            try {
                read(block, slot, out);
                answered = true;
            } catch (LinkException e) {
                anyFailure = true;
                status.failed(e.counterKey());
                long now = System.currentTimeMillis();
                if (e.kind() != ErrorKind.BUS_DOWN) { // the bus logs its own outage once, not once per device
                    failureLog.failure(block + ": " + e.getMessage(), now);
                }
                spoil(block, e.counterKey(), now, out);
                if (e.kind().deviceAnswered()) {
                    answered = true;
                } else {
                    silence = e;
                }
            }
        }
        long now = System.currentTimeMillis();
        for (PollPlan.Unreadable u : plan.unreadable()) {
            PointDecoder.bad(device.id(), u.point(), now, u.reason(), out);
        }
        if (!plan.blocks().isEmpty()) {
            DeviceState before = status.state();
            DeviceState after = status.pollEnded(answered, anyFailure, now);
            if (!anyFailure) {
                failureLog.recovered(now);
            }
            if (after == DeviceState.OFFLINE && before != DeviceState.OFFLINE) {
                LOG.warn("device {}: OFFLINE, retried with backoff", device.id());
            } else if (before == DeviceState.OFFLINE && after != DeviceState.OFFLINE) {
                LOG.info("device {}: back {}", device.id(), after);
            }
        }
        publisher.accept(out);
        return out;
    }

    private void read(ReadBlock block, BusLine.Slot slot, List<Sample> out) throws LinkException {
        long started = System.nanoTime();
        int unit = device.unitId();
        int first = out.size();
        if (block.table().isBits()) {
            boolean[] bits = line.transact(slot, timeoutMs, gapNanos,
                    link -> link.readBits(unit, block.table(), block.start(), block.count(), timeoutMs));
            long now = answered(started);
            for (PointDefinition p : block.points()) {
                PointDecoder.decodeBits(device.id(), p, bits, p.address() - block.start(), now, out);
            }
        } else {
            int[] registers = line.transact(slot, timeoutMs, gapNanos,
                    link -> link.readRegisters(unit, block.table(), block.start(), block.count(), timeoutMs));
            long now = answered(started);
            for (PointDefinition p : block.points()) {
                PointDecoder.decodeRegisters(device.id(), p, registers, p.address() - block.start(), now, out);
            }
        }
        remember(out, first);
    }

    private long answered(long startedNanos) {
        long now = System.currentTimeMillis();
        status.answered((System.nanoTime() - startedNanos) / 1000, now);
        return now;
    }

    private void remember(List<Sample> out, int from) {
        for (int i = Math.max(0, from); i < out.size(); i++) {
            Sample s = out.get(i);
            if (s.quality() == Quality.GOOD) {
                lastGood.put(s.point(), s);
            }
        }
    }

    /** Remembers read-back samples of a write as the latest values and publishes them. */
    void publishReadBack(List<Sample> samples) {
        remember(samples, 0);
        publisher.accept(samples);
    }

    private void spoil(ReadBlock block, String reason, long now, List<Sample> out) {
        for (PointDefinition p : block.points()) {
            String unit = p.type() == DataType.BITFIELD ? "" : p.unit();
            for (String name : PointDecoder.sampleNames(p)) {
                Sample last = lastGood.get(name);
                out.add(last != null ? last.asStale(now, reason) : Sample.bad(device.id(), name, unit, now, reason));
            }
        }
    }

    /** A routine poll of one poll class; reused every period, so a poll allocates no job. */
    private final class PollJob implements BusLine.Job {
        final PollPlan plan;
        final AtomicBoolean queued = new AtomicBoolean();
        /** Ticker thread only: period, and the slot of the next tick ({@link System#nanoTime()}). */
        long periodNanos;
        long nextSlotNanos;
        /** The slot of the queued poll; written before it is queued, read when it runs. */
        volatile long slotNanos;

        PollJob(PollPlan plan) {
            this.plan = plan;
        }

        @Override
        public void run(BusLine.Slot slot) {
            queued.set(false);
            counters.pollStarted(System.nanoTime() - slotNanos, periodNanos);
            poll(plan, slot);
        }

        @Override
        public void abandon(String why) {
            queued.set(false);
        }
    }
}
