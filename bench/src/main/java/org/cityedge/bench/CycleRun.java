package org.cityedge.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.engine.EngineConfig;
import org.cityedge.modbus.internal.engine.ModbusEngine;
import org.cityedge.modbus.internal.plan.PollPlan;
import org.cityedge.simulator.SimulatedBus;
import org.cityedge.simulator.Transaction;

/**
 * Runs one engine configuration against the simulated bus, back to back, and measures the mean poll-cycle time
 * (every point of every device read once) and the wire-time bound of the same requests.
 *
 * <p>The cycle time is the gateway's view: wall time over polls started, times the number of devices. The bound
 * comes from the simulator's own {@link org.cityedge.simulator.WireTiming} of the last cycle's transactions: request
 * + 3.5 characters + turnaround + reply, plus the 3.5 characters the master must keep before its next request.
 */
final class CycleRun {

    private static final long WAIT_STEP_MS = 50;

    private final Site site;
    private final Map<String, DeviceProfile> profiles;
    private final SimulatedBus simBus;

    CycleRun(Site site, Map<String, DeviceProfile> profiles, SimulatedBus simBus) {
        this.site = site;
        this.profiles = profiles;
        this.simBus = simBus;
    }

    CycleResult run(String label, EngineConfig config, int warmupCycles, int cycles, long maxSeconds)
            throws InterruptedException {
        int devices = site.devices().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        try (ModbusEngine engine = new ModbusEngine(site, profiles, samples -> { }, config)) {
            engine.start();
            int requestsPerCycle = requestsPerCycle(engine);
            Progress.say("%s: %d requests per cycle; warming up for %d cycle(s)", label, requestsPerCycle,
                    warmupCycles);
            LongSupplier polls = () -> engine.counters().polls();
            // a poll is counted when it starts: the last warm-up poll must have ended before the clock starts
            if (!awaitPolls(polls, (long) warmupCycles * devices + 1, deadline)) {
                throw new IllegalStateException(label + ": no progress during warm-up (polls=" + polls.getAsLong()
                        + "); is the bus served?");
            }
            long p0 = polls.getAsLong();
            long t0 = System.nanoTime();
            long historyFrom = t0;
            long lastReport = t0;
            long target = p0 + (long) cycles * devices;
            while (polls.getAsLong() < target && System.nanoTime() < deadline) {
                Thread.sleep(WAIT_STEP_MS);
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    lastReport = System.nanoTime();
                    Progress.say("%s: %.1f of %d cycles", label, (polls.getAsLong() - p0) / (double) devices,
                            cycles);
                }
            }
            long p1 = polls.getAsLong();
            long t1 = System.nanoTime();
            if (p1 == p0) {
                throw new IllegalStateException(label + ": no poll completed in the measuring window");
            }
            double measuredCycles = (p1 - p0) / (double) devices;
            double cycleNanos = (t1 - t0) / measuredCycles;
            List<Transaction> recent = simBus.transactions().stream()
                    .filter(t -> t.receivedNanos() >= historyFrom && t.receivedNanos() <= t1).toList();
            WireAccount account = WireAccount.of(recent, requestsPerCycle);
            return new CycleResult(measuredCycles, cycleNanos, requestsPerCycle, account.boundPerCycleNanos(),
                    account.masterGapNanos(), account.simOvershootNanos(), errors(engine));
        }
    }

    private int requestsPerCycle(ModbusEngine engine) {
        int n = 0;
        for (DeviceDefinition d : site.devices()) {
            PollPlan plan = engine.plans(d.id()).get(PollClass.FAST);
            n += plan == null ? 0 : plan.blocks().size();
        }
        return n;
    }

    private static boolean awaitPolls(LongSupplier polls, long atLeast, long deadline) throws InterruptedException {
        while (polls.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(WAIT_STEP_MS);
        }
        return true;
    }

    private static long errors(ModbusEngine engine) {
        return engine.health().stream().map(DeviceHealth::errors)
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum()).sum();
    }
}
