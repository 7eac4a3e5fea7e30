package org.cityedge.modbus.internal.testing;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.AddressRange;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.RegisterTable;

/** Short builders for points and profiles in tests. */
public final class Points {

    private Points() {
    }

    public static PointDefinition point(String name, RegisterTable table, int address, DataType type) {
        return new PointDefinition(name, table, address, type, Endian.BIG, Endian.BIG, 1, 0, "", Access.READ, null,
                null, PollClass.NORMAL, null, null);
    }

    public static PointDefinition holding(String name, int address, DataType type) {
        return point(name, RegisterTable.HOLDING, address, type);
    }

    public static PointDefinition input(String name, int address, DataType type) {
        return point(name, RegisterTable.INPUT, address, type);
    }

    public static PointDefinition coil(String name, int address) {
        return point(name, RegisterTable.COIL, address, DataType.BOOL);
    }

    public static PointDefinition scaled(PointDefinition p, double scale, double offset, String unit) {
        return new PointDefinition(p.name(), p.table(), p.address(), p.type(), p.byteOrder(), p.wordOrder(), scale,
                offset, unit, p.access(), p.min(), p.max(), p.poll(), p.bits(), p.enumValues());
    }

    public static PointDefinition ordered(PointDefinition p, Endian byteOrder, Endian wordOrder) {
        return new PointDefinition(p.name(), p.table(), p.address(), p.type(), byteOrder, wordOrder, p.scale(),
                p.offset(), p.unit(), p.access(), p.min(), p.max(), p.poll(), p.bits(), p.enumValues());
    }

    public static PointDefinition ranged(PointDefinition p, Double min, Double max) {
        return new PointDefinition(p.name(), p.table(), p.address(), p.type(), p.byteOrder(), p.wordOrder(),
                p.scale(), p.offset(), p.unit(), p.access(), min, max, p.poll(), p.bits(), p.enumValues());
    }

    public static PointDefinition writable(PointDefinition p) {
        return new PointDefinition(p.name(), p.table(), p.address(), p.type(), p.byteOrder(), p.wordOrder(),
                p.scale(), p.offset(), p.unit(), Access.READ_WRITE, p.min(), p.max(), p.poll(), p.bits(),
                p.enumValues());
    }

    public static PointDefinition polled(PointDefinition p, PollClass poll) {
        return new PointDefinition(p.name(), p.table(), p.address(), p.type(), p.byteOrder(), p.wordOrder(),
                p.scale(), p.offset(), p.unit(), p.access(), p.min(), p.max(), poll, p.bits(), p.enumValues());
    }

    public static PointDefinition bitfield(String name, RegisterTable table, int address, Map<Integer, String> bits) {
        return new PointDefinition(name, table, address, DataType.BITFIELD, Endian.BIG, Endian.BIG, 1, 0, "",
                Access.READ, null, null, PollClass.NORMAL, bits, null);
    }

    public static PointDefinition enumeration(String name, RegisterTable table, int address, Map<Long, String> states) {
        return new PointDefinition(name, table, address, DataType.ENUM, Endian.BIG, Endian.BIG, 1, 0, "",
                Access.READ, null, null, PollClass.NORMAL, null, states);
    }

    public static DeviceLimits limits(int maxRegisters, int maxBits, AddressRange... forbidden) {
        return new DeviceLimits(maxRegisters, maxBits, List.of(forbidden), 1000, 0);
    }

    public static DeviceLimits limits(int maxRegisters, int maxBits, int timeoutMs) {
        return new DeviceLimits(maxRegisters, maxBits, List.of(), timeoutMs, 0);
    }

    public static DeviceProfile profile(String id, DeviceLimits limits, PointDefinition... points) {
        return new DeviceProfile(id, "test", id, DeviceKind.OTHER, null, limits, List.of(points), List.of(), null,
                id + ".yaml");
    }
}
