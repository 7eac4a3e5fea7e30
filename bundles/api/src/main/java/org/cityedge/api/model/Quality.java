package org.cityedge.api.model;

/** How far a sample's value can be trusted (OPC UA / SenML style, reduced to what the IOC acts on). */
public enum Quality {
    /** Read from the device just now and within the point's valid range. */
    GOOD,
    /** The last good value, re-sent because the device did not answer this time. */
    STALE,
    /** No usable value: the device answered with an error or the value is out of range. See the reason. */
    BAD
}
