package org.cityedge.simulator.modbus;

/**
 * The basic objects of read device identification (0x2B / 0x0E).
 *
 * @param vendorName          object 0x00
 * @param productCode         object 0x01
 * @param majorMinorRevision  object 0x02
 */
public record DeviceIdentity(String vendorName, String productCode, String majorMinorRevision) {

    /** The object with this id (0-2), or null. */
    public String object(int id) {
        return switch (id) {
            case 0 -> vendorName;
            case 1 -> productCode;
            case 2 -> majorMinorRevision;
            default -> null;
        };
    }
}
