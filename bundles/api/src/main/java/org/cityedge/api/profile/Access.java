package org.cityedge.api.profile;

/** Whether a point may be written by commands and rules. */
public enum Access {
    READ, READ_WRITE
}
