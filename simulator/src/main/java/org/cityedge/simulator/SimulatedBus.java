package org.cityedge.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.site.BusDefinition;

/** One bus of the simulated site: its devices by unit id, its endpoint, counters and recent transactions. */
public final class SimulatedBus {

    /** Recent transactions kept for inspection. */
    public static final int HISTORY = 1000;

    private volatile BusDefinition definition;
    private final Map<Integer, SimulatedDevice> devices;
    private final Deque<Transaction> history = new ArrayDeque<>();
    private volatile Endpoint endpoint;
    final AtomicLong frames = new AtomicLong();
    final AtomicLong crcErrors = new AtomicLong();
    final AtomicLong framingErrors = new AtomicLong();
    final AtomicLong unknownUnits = new AtomicLong();
    final AtomicLong broadcasts = new AtomicLong();

    SimulatedBus(BusDefinition definition, Map<Integer, SimulatedDevice> devices) {
        this.definition = definition;
        this.devices = Map.copyOf(devices);
    }

    public String id() {
        return definition.id();
    }

    /** The bus as served (ports and paths after any override). */
    public BusDefinition definition() {
        return definition;
    }

    /** Where the bus is served; null before the simulator started it. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Records where the bus is served, with the port the server actually bound. */
    void served(Endpoint endpoint) {
        this.endpoint = endpoint;
        if (endpoint.port() > 0) {
            BusDefinition b = definition;
            definition = new BusDefinition(b.id(), b.type(), b.port(), b.baud(), b.parity(), b.stopBits(),
                    endpoint.host(), endpoint.port(), b.interFrameDelayMs(), b.maxConnections());
        }
    }

    /** The device with this unit id. */
    public Optional<SimulatedDevice> unit(int unitId) {
        return Optional.ofNullable(devices.get(unitId));
    }

    public Collection<SimulatedDevice> devices() {
        return devices.values();
    }

    public BusCounters counters() {
        return new BusCounters(frames.get(), crcErrors.get(), framingErrors.get(), unknownUnits.get(),
                broadcasts.get());
    }

    /** Counts a frame cut off mid-way or a header that is not Modbus. */
    public void countFramingError() {
        framingErrors.incrementAndGet();
    }

    /** Records a transaction (and counts it as a frame); used by the bus servers. */
    public void record(Transaction t) {
        frames.incrementAndGet();
        if (t.outcome() == Transaction.Outcome.UNKNOWN_UNIT) {
            unknownUnits.incrementAndGet();
        } else if (t.outcome() == Transaction.Outcome.CRC_ERROR) {
            crcErrors.incrementAndGet();
        } else if (t.outcome() == Transaction.Outcome.BROADCAST) {
            broadcasts.incrementAndGet();
        }
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(t);
        }
    }

    /** The most recent transaction. */
    public Optional<Transaction> lastTransaction() {
        synchronized (history) {
            return Optional.ofNullable(history.peekLast());
        }
    }

    /** Up to {@link #HISTORY} recent transactions, oldest first. */
    public List<Transaction> transactions() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }
}
