package org.cityedge.modbus.internal.wire;

/**
 * The basic objects of Modbus Read Device Identification (function 0x2B, MEI 0x0E) a scan uses.
 *
 * @param vendorName  object 0x00, or null when the device did not send it
 * @param productCode object 0x01, or null
 */
public record DeviceIdentity(String vendorName, String productCode) {
}
