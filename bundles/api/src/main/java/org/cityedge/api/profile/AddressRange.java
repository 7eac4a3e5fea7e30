package org.cityedge.api.profile;

/** An inclusive range of addresses in one table, e.g. registers that must never be read. */
public record AddressRange(RegisterTable table, int from, int to) {

    public AddressRange {
        if (from < 0 || to < from || to > 0xFFFF) {
            throw new IllegalArgumentException("bad address range " + from + ".." + to);
        }
    }

    /** True when this range shares an address with {@code [start, start + count)} in {@code t}. */
    public boolean overlaps(RegisterTable t, int start, int count) {
        return table == t && start <= to && start + count - 1 >= from;
    }
}
