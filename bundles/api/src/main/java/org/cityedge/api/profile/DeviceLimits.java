package org.cityedge.api.profile;

import java.util.List;

/**
 * What a device model tolerates on the wire.
 *
 * @param maxReadRegisters   largest register count in one read request (Modbus allows 125)
 * @param maxReadBits        largest bit count in one coil/discrete read (Modbus allows 2000)
 * @param forbidden          ranges that must never be read (reading them faults or resets some devices)
 * @param responseTimeoutMs  how long to wait for a reply before counting a timeout
 * @param interFrameDelayMs  extra silence this device needs between frames, on top of the 3.5 characters
 */
public record DeviceLimits(int maxReadRegisters, int maxReadBits, List<AddressRange> forbidden, int responseTimeoutMs,
        int interFrameDelayMs) {

    public static final DeviceLimits DEFAULT = new DeviceLimits(125, 2000, List.of(), 1000, 0);

    public DeviceLimits {
        forbidden = List.copyOf(forbidden);
        if (maxReadRegisters < 1 || maxReadRegisters > 125 || maxReadBits < 1 || maxReadBits > 2000) {
            throw new IllegalArgumentException("read limits out of the Modbus range");
        }
    }

    /** True when reading {@code [start, start + count)} of table {@code t} would touch a forbidden range. */
    public boolean isForbidden(RegisterTable t, int start, int count) {
        for (AddressRange r : forbidden) {
            if (r.overlaps(t, start, count)) {
                return true;
            }
        }
        return false;
    }
}
