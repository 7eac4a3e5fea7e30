package org.cityedge.cabinet.io.internal.gpio;

import java.util.Locale;

/** Which Pi4J provider drives the pins. */
public enum GpioProvider {
    /** gpiod first (character device, Raspberry Pi OS Bookworm and later), then linuxfs (sysfs). */
    AUTO,
    /** libgpiod on /dev/gpiochip*: the one to use on current kernels. */
    GPIOD,
    /** The legacy sysfs interface /sys/class/gpio (older kernels). */
    LINUXFS,
    /** Pi4J's mock platform: no hardware, for demos and tests. */
    MOCK;

    /** Parses a configuration value; throws with the accepted values when it is none of them. */
    public static GpioProvider parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown GPIO provider '" + value + "', use auto, gpiod, linuxfs or mock",
                    e);
        }
    }
}
