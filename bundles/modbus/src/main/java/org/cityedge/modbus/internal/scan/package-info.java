/**
 * Bus scanning logic that needs no wire: the default absent-unit timeout and the physical floor of a scan for a line
 * speed ({@link org.cityedge.modbus.internal.scan.ScanTiming}), and recognising a device's profile from its device
 * identification or its signature registers ({@link org.cityedge.modbus.internal.scan.ProfileMatcher}).
 */
package org.cityedge.modbus.internal.scan;
