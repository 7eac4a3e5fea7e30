/**
 * Bus scanning logic that needs no wire: the default absent-unit timeout and the physical floor of a scan for a line
 * speed ({@link org.cityedge.modbus.internal.scan.ScanTiming}), recognising a device's profile from its device
 * identification or its signature registers ({@link org.cityedge.modbus.internal.scan.ProfileMatcher}), and the
 * IPv4 range of a host scan ({@link org.cityedge.modbus.internal.scan.HostRange}).
 */
package org.cityedge.modbus.internal.scan;
