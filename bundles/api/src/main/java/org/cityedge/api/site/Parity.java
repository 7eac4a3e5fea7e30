package org.cityedge.api.site;

/** Serial parity. */
public enum Parity {
    NONE, EVEN, ODD
}
