package org.cityedge.control.command;

/**
 * @param defaultOverrideMs how long dim and switch hold without {@code durationS}
 * @param deviceTimeoutMs   longest wait for one device's verified write or read; later, it is reported as timeout
 */
record CommandSettings(long defaultOverrideMs, long deviceTimeoutMs) {

    static final CommandSettings DEFAULTS = new CommandSettings(8 * 3600 * 1000L, 60_000);

    CommandSettings {
        defaultOverrideMs = Math.max(1000, defaultOverrideMs);
        deviceTimeoutMs = Math.max(1, deviceTimeoutMs);
    }
}
