package org.cityedge.api.profile;

/** How often a point is read; the period of each class is configuration of the poller. */
public enum PollClass {
    FAST, NORMAL, SLOW
}
