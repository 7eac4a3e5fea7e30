package org.cityedge.api.field;

import java.util.Map;

/**
 * A field device's communication health.
 *
 * @param deviceId         device id
 * @param bus              bus id
 * @param state            current state
 * @param lastSeen         epoch ms of the last good answer, 0 if never
 * @param responseMicros   duration of the last good transaction, request to reply
 * @param polls            transactions attempted
 * @param errors           failed transactions by kind ({@code timeout}, {@code crc}, {@code exception}, ...)
 */
public record DeviceHealth(String deviceId, String bus, DeviceState state, long lastSeen, long responseMicros,
        long polls, Map<String, Long> errors) {

    public DeviceHealth {
        errors = Map.copyOf(errors);
    }
}
