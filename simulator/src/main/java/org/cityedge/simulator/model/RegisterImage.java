package org.cityedge.simulator.model;

import java.util.EnumMap;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Identification;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;

/**
 * A device's four Modbus tables. Each table spans address 0 up to the last register or bit a point or signature
 * of the profile uses; addresses inside that span that no point uses read as 0, as on most real devices, and
 * addresses beyond it are outside the device's map. Points without a table (CoAP, GPIO) have no registers.
 */
public final class RegisterImage {

    private final Map<RegisterTable, int[]> tables = new EnumMap<>(RegisterTable.class);

    public RegisterImage(DeviceProfile profile) {
        Map<RegisterTable, Integer> extent = new EnumMap<>(RegisterTable.class);
        for (PointDefinition p : profile.points()) {
            if (p.table() != null) {   // CoAP and GPIO points live outside the register map
                extent.merge(p.table(), p.address() + p.width(), Math::max);
            }
        }
        Identification id = profile.identification();
        if (id != null) {
            for (Identification.Signature s : id.signatures()) {
                extent.merge(s.table(), s.address() + 1, Math::max);
            }
        }
        for (RegisterTable t : RegisterTable.values()) {
            tables.put(t, new int[Math.min(0x10000, extent.getOrDefault(t, 0))]);
        }
    }

    /** Number of addresses the table spans. */
    public int size(RegisterTable table) {
        return tables.get(table).length;
    }

    /** True when {@code [start, start + count)} lies inside the table's span. */
    public boolean covers(RegisterTable table, int start, int count) {
        return start >= 0 && count >= 0 && start + count <= size(table);
    }

    /** A copy of {@code count} entries from {@code start} (bits as 0/1). */
    public int[] read(RegisterTable table, int start, int count) {
        int[] out = new int[count];
        System.arraycopy(tables.get(table), start, out, 0, count);
        return out;
    }

    /** Stores {@code values} from {@code start}. */
    public void write(RegisterTable table, int start, int[] values) {
        System.arraycopy(values, 0, tables.get(table), start, values.length);
    }

    /** A deep copy, used to try a write before committing it. */
    public RegisterImage copy() {
        return new RegisterImage(this);
    }

    private RegisterImage(RegisterImage other) {
        other.tables.forEach((t, a) -> tables.put(t, a.clone()));
    }
}
