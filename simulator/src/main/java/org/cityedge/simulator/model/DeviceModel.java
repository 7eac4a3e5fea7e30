package org.cityedge.simulator.model;

import static org.cityedge.simulator.modbus.ExceptionCode.ILLEGAL_DATA_ADDRESS;
import static org.cityedge.simulator.modbus.ExceptionCode.ILLEGAL_DATA_VALUE;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Identification;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.simulator.modbus.DeviceIdentity;
import org.cityedge.simulator.modbus.ModbusDataModel;
import org.cityedge.simulator.modbus.ModbusException;

/**
 * One simulated device: engineering values driven by behaviours, encoded into a register image after every change,
 * and the Modbus view of that image. Writes decode back to engineering values and drive the behaviours. Thread-safe:
 * the bus servers, the simulation clock and the control socket all go through its lock.
 */
public final class DeviceModel implements ModbusDataModel {

    /** Object 0x02 of device identification; profiles do not carry a firmware revision. */
    private static final String REVISION = "1.0";

    private final DeviceProfile profile;
    private final ZoneId zone;
    private final PointValues values;
    private final List<Behaviour> behaviours = new ArrayList<>();
    private final LampBehaviour lamp;
    private final RegisterImage image;
    private final DeviceIdentity identity;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private ZonedDateTime now;

    /**
     * @param profile the device's profile
     * @param seed    seeds all randomness of this device
     * @param zone    the site's time zone (day curves use local time)
     * @param start   simulation time at start
     */
    public DeviceModel(DeviceProfile profile, long seed, ZoneId zone, Instant start) {
        this.profile = profile;
        this.zone = zone;
        this.now = start.atZone(zone);
        this.values = new PointValues(names(profile));
        this.image = new RegisterImage(profile);
        this.identity = identity(profile);
        Random random = new Random(seed);
        this.lamp = LampBehaviour.appliesTo(values) ? new LampBehaviour(profile.kind(), random) : null;
        if (lamp != null) {
            behaviours.add(lamp);
        }
        if (EnvironmentBehaviour.appliesTo(values)) {
            behaviours.add(new EnvironmentBehaviour(profile.kind(), random));
        }
        if (HydrologyBehaviour.appliesTo(values)) {
            behaviours.add(new HydrologyBehaviour(random));
        }
        if (WiperBehaviour.appliesTo(values)) {
            behaviours.add(new WiperBehaviour());
        }
        behaviours.forEach(b -> b.start(values, now));
        profile.points().forEach(this::defaultValue);
        encodeAll();
    }

    public DeviceProfile profile() {
        return profile;
    }

    /** Advances every behaviour to simulation time {@code at}, {@code dtSeconds} after the previous tick. */
    public void tick(Instant at, double dtSeconds) {
        synchronized (this) {
            now = at.atZone(zone);
            behaviours.forEach(b -> b.tick(values, now, dtSeconds));
            encodeAll();
        }
        changed();
    }

    /**
     * Calls {@code listener} after every tick and every write or set, outside the model's lock (CoAP observers
     * compare what they last sent with the new values).
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops calling {@code listener} (the same instance given to {@link #onChange}). */
    public void removeOnChange(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** The point (not a bitfield member) with this canonical name. @throws IllegalArgumentException when none */
    public PointDefinition definition(String name) {
        return point(name);
    }

    /** Canonical names of the points and bitfield members, in profile order. */
    public Set<String> pointNames() {
        return names(profile);
    }

    /** The engineering value of a point or bitfield member (a bitfield point gives its raw register). */
    public synchronized double value(String name) {
        PointDefinition p = point(name);
        if (p.type() == DataType.BITFIELD && p.name().equals(name)) {
            return p.table() == null ? bitfieldRaw(p) * scale(p) + p.offset()
                    : PointCodec.decode(p, image.read(p.table(), p.address(), 1));
        }
        return values.get(name, 0);
    }

    /**
     * Sets a value from outside (control socket, test). A writable point is written as the master would write it
     * (range-checked, behaviours react); a point the model computes is pinned at the value until {@link #release}.
     *
     * @throws IllegalArgumentException for an unknown name or a value outside the point's range
     */
    public void set(String name, double value) {
        synchronized (this) {
            setLocked(name, value);
        }
        changed();
    }

    private void setLocked(String name, double value) {
        PointDefinition p = point(name);
        if (p.type() == DataType.BITFIELD && p.name().equals(name)) {
            throw new IllegalArgumentException(name + " is a bitfield; set its members " + p.bits().values());
        }
        if (p.writable()) {
            if (!acceptable(p, value)) {
                throw new IllegalArgumentException(value + " is outside the range of " + name);
            }
            apply(name, value);
        } else {
            values.pin(name, value);
        }
        settle();
    }

    /** Parses {@code text} for point {@code name}: a number, on/off/true/false, or an enum state name. */
    public double parse(String name, String text) {
        PointDefinition p = point(name);
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "on", "true":
                return 1;
            case "off", "false":
                return 0;
            default:
                break;
        }
        for (Map.Entry<Long, String> e : p.enumValues().entrySet()) {
            if (e.getValue().equalsIgnoreCase(t)) {
                return e.getKey();
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a value for " + name + ": " + text);
        }
    }

    /** Lets the model compute a pinned value again. */
    public synchronized void release(String name) {
        point(name);
        values.release(name);
    }

    /** Fails (or repairs) the lamp: a failed lamp draws no power while on and raises lampFailure. */
    public synchronized void failLamp(boolean failed) {
        if (lamp == null) {
            throw new IllegalStateException("profile " + profile.id() + " has no lamp");
        }
        lamp.fail(failed);
        settle();
    }

    /** True when the device drives a lamp (failLamp applies). */
    public boolean hasLamp() {
        return lamp != null;
    }

    /** A copy of the raw table content, bits as 0/1, without the profile's read restrictions. */
    public synchronized int[] registers(RegisterTable table, int start, int count) {
        if (!image.covers(table, start, count)) {
            throw new IllegalArgumentException(table + " " + start + "+" + count + " is outside the device's map");
        }
        return image.read(table, start, count);
    }

    /** The current simulation time of this device. */
    public synchronized ZonedDateTime now() {
        return now;
    }

    @Override
    public synchronized boolean[] readBits(RegisterTable table, int start, int count) throws ModbusException {
        int[] raw = readable(table, start, count);
        boolean[] bits = new boolean[count];
        for (int i = 0; i < count; i++) {
            bits[i] = raw[i] != 0;
        }
        return bits;
    }

    @Override
    public synchronized int[] readRegisters(RegisterTable table, int start, int count) throws ModbusException {
        return readable(table, start, count);
    }

    @Override
    public synchronized void writeCoils(int start, boolean[] bits) throws ModbusException {
        int[] raw = new int[bits.length];
        for (int i = 0; i < bits.length; i++) {
            raw[i] = bits[i] ? 1 : 0;
        }
        write(RegisterTable.COIL, start, raw);
    }

    @Override
    public synchronized void writeRegisters(int start, int[] registers) throws ModbusException {
        write(RegisterTable.HOLDING, start, registers);
    }

    @Override
    public int maxReadRegisters() {
        return profile.limits().maxReadRegisters();
    }

    @Override
    public int maxReadBits() {
        return profile.limits().maxReadBits();
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    private int[] readable(RegisterTable table, int start, int count) throws ModbusException {
        if (!image.covers(table, start, count)) {
            throw new ModbusException(ILLEGAL_DATA_ADDRESS, "outside the device's map");
        }
        if (profile.limits().isForbidden(table, start, count)) {
            throw new ModbusException(ILLEGAL_DATA_ADDRESS, "forbidden range");
        }
        return image.read(table, start, count);
    }

    /** Tries the write on a copy, checks every touched point, then commits: a refused write changes nothing. */
    private void write(RegisterTable table, int start, int[] raw) throws ModbusException {
        Set<PointDefinition> touched = new LinkedHashSet<>();
        for (int a = start; a < start + raw.length; a++) {
            PointDefinition p = writablePointAt(table, a);
            if (p == null) {
                throw new ModbusException(ILLEGAL_DATA_ADDRESS, table + " " + a + " is not writable");
            }
            touched.add(p);
        }
        RegisterImage trial = image.copy();
        trial.write(table, start, raw);
        Map<PointDefinition, Double> decoded = new LinkedHashMap<>();
        for (PointDefinition p : touched) {
            double v = PointCodec.decode(p, trial.read(table, p.address(), p.width()));
            if (!acceptable(p, v)) {
                throw new ModbusException(ILLEGAL_DATA_VALUE, v + " is outside the range of " + p.name());
            }
            decoded.put(p, v);
        }
        decoded.forEach((p, v) -> {
            if (p.type() == DataType.BITFIELD) {
                p.bits().forEach((bit, member) -> apply(member, ((long) v.doubleValue() >>> bit) & 1));
            } else {
                apply(p.name(), v);
            }
        });
        settle();
    }

    /** Lets the behaviours follow a change at once (a dimmed lamp draws less now, not at the next tick). */
    private void settle() {
        behaviours.forEach(b -> b.tick(values, now, 0));
        encodeAll();
    }

    private void apply(String name, double value) {
        double before = values.get(name, 0);
        values.force(name, value);
        behaviours.forEach(b -> b.written(values, name, before, value));
    }

    private static boolean acceptable(PointDefinition p, double v) {
        if (!p.inRange(v) || Double.isNaN(v)) {
            return false;
        }
        return p.type() != DataType.ENUM || p.enumValues().isEmpty() || p.enumValues().containsKey((long) v);
    }

    private PointDefinition writablePointAt(RegisterTable table, int address) {
        for (PointDefinition p : profile.points()) {
            if (p.table() == table && address >= p.address() && address < p.address() + p.width()) {
                return p.writable() ? p : null;
            }
        }
        return null;
    }

    private PointDefinition point(String name) {
        return profile.point(name)
                .orElseThrow(() -> new IllegalArgumentException("no point " + name + " in profile " + profile.id()));
    }

    /** Points no behaviour drives hold a constant: mid-range when bounded, else 0 (flags, counters). */
    private void defaultValue(PointDefinition p) {
        if (p.type() == DataType.BITFIELD) {
            p.bits().values().forEach(member -> {
                if (!values.isSet(member)) {
                    values.put(member, 0);
                }
            });
        } else if (!values.isSet(p.name())) {
            double v;
            if (p.type() == DataType.ENUM && !p.enumValues().isEmpty()) {
                v = p.enumValues().keySet().stream().min(Long::compare).orElse(0L);
            } else if (p.min() != null && p.max() != null) {
                v = (p.min() + p.max()) / 2;
            } else if (p.min() != null) {
                v = Math.max(0, p.min());
            } else {
                v = 0;
            }
            values.put(p.name(), v);
        }
    }

    private void encodeAll() {
        for (PointDefinition p : profile.points()) {
            if (p.table() == null) {
                continue;   // read by name through value(), no registers to keep in step
            }
            double v = p.type() == DataType.BITFIELD ? bitfieldRaw(p) * scale(p) + p.offset()
                    : values.get(p.name(), 0);
            image.write(p.table(), p.address(), PointCodec.encode(p, v));
        }
        Identification id = profile.identification();
        if (id != null) {
            id.signatures().forEach(s -> image.write(s.table(), s.address(), new int[] {s.value() & 0xFFFF}));
        }
    }

    private static double scale(PointDefinition p) {
        return p.scale() == 0 ? 1 : p.scale();
    }

    private long bitfieldRaw(PointDefinition p) {
        long raw = 0;
        for (Map.Entry<Integer, String> e : p.bits().entrySet()) {
            if (values.get(e.getValue(), 0) != 0) {
                raw |= 1L << e.getKey();
            }
        }
        return raw;
    }

    private static DeviceIdentity identity(DeviceProfile profile) {
        Identification id = profile.identification();
        if (id == null || (id.vendorName() == null && id.productCode() == null)) {
            return null;   // like the legacy loggers whose profiles identify them by signature registers only
        }
        return new DeviceIdentity(id.vendorName() != null ? id.vendorName() : profile.vendor(),
                id.productCode() != null ? id.productCode() : profile.model(), REVISION);
    }

    private static Set<String> names(DeviceProfile profile) {
        Set<String> names = new LinkedHashSet<>();
        for (PointDefinition p : profile.points()) {
            names.add(p.name());
            names.addAll(p.bits().values());
        }
        return names;
    }
}
