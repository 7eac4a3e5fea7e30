package org.cityedge.simulator;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.simulator.modbus.ExceptionCode;
import org.cityedge.simulator.modbus.RequestProcessor;
import org.cityedge.simulator.model.DeviceModel;

/**
 * One device of the simulated site: its model, its current fault and its counters. Handles from
 * {@link Simulator#device(String)} stay valid until the simulator stops.
 */
public final class SimulatedDevice {

    private final DeviceDefinition definition;
    private final DeviceModel model;
    private final Random faultRandom;
    private volatile Fault fault = Fault.none();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong exceptions = new AtomicLong();
    private final AtomicLong silenced = new AtomicLong();
    private final AtomicLong mangled = new AtomicLong();
    private final AtomicLong pushSent = new AtomicLong();
    private final AtomicLong pushAnswered = new AtomicLong();
    private final AtomicLong pushRefused = new AtomicLong();
    private final AtomicLong pushUnanswered = new AtomicLong();
    private final AtomicLong pushSkipped = new AtomicLong();
    private volatile String pushLastCode;

    SimulatedDevice(DeviceDefinition definition, DeviceModel model, long seed) {
        this.definition = definition;
        this.model = model;
        this.faultRandom = new Random(seed ^ 0x5DEECE66DL);
    }

    public String id() {
        return definition.id();
    }

    public int unitId() {
        return definition.unitId();
    }

    public DeviceDefinition definition() {
        return definition;
    }

    public DeviceProfile profile() {
        return model.profile();
    }

    /** The device's model (values, registers, Modbus view). */
    public DeviceModel model() {
        return model;
    }

    /** Switches the fault; takes effect from the next request. */
    public SimulatedDevice fault(Fault fault) {
        this.fault = fault == null ? Fault.none() : fault;
        return this;
    }

    public Fault fault() {
        return fault;
    }

    /** Fails or repairs the lamp (streetlight and cabinet profiles). */
    public SimulatedDevice failLamp(boolean failed) {
        model.failLamp(failed);
        return this;
    }

    /** Engineering value of a point or bitfield member. */
    public double value(String point) {
        return model.value(point);
    }

    /** Writes a writable point as the master would, or pins a measured one (see {@link DeviceModel#set}). */
    public SimulatedDevice set(String point, double value) {
        model.set(point, value);
        return this;
    }

    /** Lets the model compute a pinned point again. */
    public SimulatedDevice release(String point) {
        model.release(point);
        return this;
    }

    /** Raw table content, bits as 0/1. */
    public int[] registers(RegisterTable table, int start, int count) {
        return model.registers(table, start, count);
    }

    /** Canonical point names of the profile. */
    public Set<String> points() {
        return model.pointNames();
    }

    public DeviceCounters counters() {
        return new DeviceCounters(requests.get(), replies.get(), exceptions.get(), silenced.get(), mangled.get());
    }

    /**
     * Answers a request PDU under the current fault; used by the bus servers. The returned fault tells the server
     * how to mangle the frame it builds (corrupt CRC, truncated).
     */
    public Answer answer(byte[] pdu) {
        requests.incrementAndGet();
        Fault f = fault;
        boolean silent = f instanceof Fault.NoAnswer
                || f instanceof Fault.Intermittent i && !answersThisTime(i.probability());
        if (silent) {
            silenced.incrementAndGet();
            return new Answer(null, f);
        }
        byte[] reply = f instanceof Fault.ExceptionReply e
                ? ExceptionCode.reply(pdu.length > 0 ? pdu[0] & 0xFF : 0, e.code())
                : RequestProcessor.process(pdu, model);
        if (f instanceof Fault.CorruptCrc || f instanceof Fault.Truncated) {
            mangled.incrementAndGet();
        } else if ((reply[0] & 0x80) != 0) {
            exceptions.incrementAndGet();
        } else {
            replies.incrementAndGet();
        }
        return new Answer(reply, f);
    }

    /**
     * Admits one CoAP request (or a push) under the current fault and counts it as a request: null when the fault
     * keeps the device silent (counted as silenced), else the fault in force.
     */
    public Fault admit() {
        requests.incrementAndGet();
        Fault f = fault;
        if (f instanceof Fault.NoAnswer || f instanceof Fault.Intermittent i && !answersThisTime(i.probability())) {
            silenced.incrementAndGet();
            return null;
        }
        return f;
    }

    /** Counts a CoAP answer: a success, an error code, or mangled by a fault. */
    public void countAnswer(boolean success, boolean mangledByFault) {
        (mangledByFault ? mangled : success ? replies : exceptions).incrementAndGet();
    }

    /** Counts a push: sent, then the gateway's response code (null: no answer), or skipped by a fault. */
    public void countPushSent() {
        pushSent.incrementAndGet();
    }

    public void countPushSkipped() {
        pushSkipped.incrementAndGet();
    }

    public void countPushOutcome(String code, boolean success) {
        if (code == null) {
            pushUnanswered.incrementAndGet();
            return;
        }
        pushLastCode = code;
        (success ? pushAnswered : pushRefused).incrementAndGet();
    }

    /** What the device pushed to the gateway (CoAP push nodes; zeros elsewhere). */
    public PushCounters pushCounters() {
        return new PushCounters(pushSent.get(), pushAnswered.get(), pushRefused.get(), pushUnanswered.get(),
                pushSkipped.get(), pushLastCode);
    }

    private boolean answersThisTime(double probability) {
        synchronized (faultRandom) {
            return faultRandom.nextDouble() < probability;
        }
    }

    /**
     * A device's answer to one request.
     *
     * @param pdu   reply PDU, or null for no reply
     * @param fault the fault in force when it was made
     */
    public record Answer(byte[] pdu, Fault fault) {

        public boolean silent() {
            return pdu == null;
        }

        /** Extra delay the fault asks for. */
        public long extraNanos() {
            return fault instanceof Fault.Slow s ? s.delayMs() * 1_000_000L : 0;
        }

        public Transaction.Outcome outcome() {
            if (pdu == null) {
                return Transaction.Outcome.SILENCED;
            }
            if (fault instanceof Fault.CorruptCrc || fault instanceof Fault.Truncated) {
                return Transaction.Outcome.MANGLED;
            }
            return (pdu[0] & 0x80) != 0 ? Transaction.Outcome.EXCEPTION : Transaction.Outcome.REPLIED;
        }
    }
}
