package org.cityedge.modbus.internal.plan;

import java.util.List;

import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;

/**
 * One read request: {@code count} registers (or bits) of {@code table} from {@code start}, and the points decoded
 * from the reply.
 */
public record ReadBlock(RegisterTable table, int start, int count, List<PointDefinition> points) {

    public ReadBlock {
        points = List.copyOf(points);
        if (start < 0 || count < 1 || start + count > 0x10000) {
            throw new IllegalArgumentException("bad block " + table + " " + start + "+" + count);
        }
    }

    /** Exclusive end address. */
    public int end() {
        return start + count;
    }

    @Override
    public String toString() {
        return table + "[" + start + ".." + (end() - 1) + "]";
    }
}
