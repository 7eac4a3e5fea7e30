package org.cityedge.api.uplink;

/** State of the MQTT link to the IOC. */
public enum LinkState {
    /** Not configured (no broker URL) or stopped. */
    DISABLED,
    /** Trying to connect, or waiting for the next try after a failure that may heal by itself (network, broker down). */
    CONNECTING,
    /** Connected; the buffer is drained. */
    CONNECTED,
    /** The broker refused this gateway (credentials, certificate, authorization): retried slowly, needs a person. */
    REFUSED
}
