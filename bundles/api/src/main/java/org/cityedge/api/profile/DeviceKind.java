package org.cityedge.api.profile;

/** What a device is, so the IOC and the console can group devices without knowing vendors. */
public enum DeviceKind {
    STREETLIGHT_CONTROLLER, CABINET_CONTROLLER, AIR_QUALITY, WATER_QUALITY, WATER_LEVEL, OTHER
}
