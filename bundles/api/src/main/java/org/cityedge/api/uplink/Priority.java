package org.cityedge.api.uplink;

/**
 * Publish order of buffered messages: every URGENT message goes before any NORMAL one, NORMAL before BULK. When the
 * disk quota is reached the buffer drops the oldest BULK messages first and URGENT ones last.
 */
public enum Priority {
    /** Alarms, events, command replies. */
    URGENT,
    /** The gateway's own health reports. */
    NORMAL,
    /** Telemetry. */
    BULK
}
