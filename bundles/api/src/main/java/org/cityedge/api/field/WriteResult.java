package org.cityedge.api.field;

/**
 * Outcome of a verified write.
 *
 * @param deviceId  device
 * @param point     canonical point written
 * @param requested value asked for
 * @param readBack  value read back after the write, or null if the read-back failed
 * @param ok        true when the read-back equals the requested value
 * @param error     why it failed, for people; null when ok
 */
public record WriteResult(String deviceId, String point, Object requested, Object readBack, boolean ok,
        String error) {
}
