package org.cityedge.api.field;

/** Communication state of a field device. */
public enum DeviceState {
    /** Not polled yet. */
    UNKNOWN,
    /** Answers every poll. */
    ONLINE,
    /** Answers some polls, or answers with errors. */
    DEGRADED,
    /** Has not answered for several polls in a row; retried with backoff. */
    OFFLINE
}
