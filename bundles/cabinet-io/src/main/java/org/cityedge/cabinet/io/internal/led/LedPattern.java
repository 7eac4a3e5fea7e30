package org.cityedge.cabinet.io.internal.led;

import java.util.Collection;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.api.uplink.UplinkStatus;

/**
 * What the status LED shows. Each pattern is a 2 s cycle of twenty 100 ms slots; patterns differ in rhythm, not
 * just speed, so they are told apart at a glance, in the dark, without a watch.
 */
public enum LedPattern {
    /** Gateway stopped (or the cabinet I/O component is). */
    OFF("...................."),
    /** Uplink connected and every field device online. */
    STEADY("####################"),
    /** Uplink down (not connected, refused, not configured); field devices fine. */
    SLOW_BLINK("##########.........."),
    /** Uplink fine; some field device offline or degraded. */
    DOUBLE_FLASH("##..##.............."),
    /** Uplink down and devices offline, or no site loaded (gateway not provisioned). */
    FAST_BLINK("##..##..##..##..##..");

    /** Length of one slot. */
    public static final long SLOT_MS = 100;
    private final String slots;

    LedPattern(String slots) {
        this.slots = slots;
    }

    /** Whether the LED is lit at {@code nowMs} (patterns are aligned on the epoch, so every gateway blinks alike). */
    public boolean lit(long nowMs) {
        int slot = (int) Math.floorMod(nowMs / SLOT_MS, (long) slots.length());
        return slots.charAt(slot) == '#';
    }

    /**
     * The pattern for the gateway's state.
     *
     * @param siteLoaded true when a site with devices is loaded
     * @param uplink     the MQTT link's status, or null when there is no uplink
     * @param devices    health of every field device of every driver
     */
    public static LedPattern select(boolean siteLoaded, UplinkStatus uplink, Collection<DeviceHealth> devices) {
        boolean uplinkUp = uplink != null && uplink.state() == LinkState.CONNECTED;
        boolean devicesBad = devices.stream()
                .anyMatch(d -> d.state() == DeviceState.OFFLINE || d.state() == DeviceState.DEGRADED);
        if (!siteLoaded || !uplinkUp && devicesBad) {
            return FAST_BLINK;
        }
        if (!uplinkUp) {
            return SLOW_BLINK;
        }
        return devicesBad ? DOUBLE_FLASH : STEADY;
    }
}
