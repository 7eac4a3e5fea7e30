package org.cityedge.api.field;

/**
 * A device that answered a scan.
 *
 * @param bus            bus id
 * @param unitId         its unit id
 * @param lineSetting    the serial setting it answered under, or null on TCP
 * @param profileId      the recognised profile, or null when no profile matched
 * @param identifiedBy   how: {@code device-identification} (function 0x2B/0x0E), {@code signature} (fixed
 *                       registers declared in a profile) or {@code none}
 * @param vendorName     VendorName object of the device identification, or null
 * @param productCode    ProductCode object, or null
 * @param responseMicros time of its first answer
 * @param address        {@code host:port} of a device found by a host scan ({@link HostScanRequest}), else null
 */
public record FoundDevice(String bus, int unitId, ScanRequest.LineSetting lineSetting, String profileId,
        String identifiedBy, String vendorName, String productCode, long responseMicros, String address) {

    /** A device found on a configured bus. */
    public FoundDevice(String bus, int unitId, ScanRequest.LineSetting lineSetting, String profileId,
            String identifiedBy, String vendorName, String productCode, long responseMicros) {
        this(bus, unitId, lineSetting, profileId, identifiedBy, vendorName, productCode, responseMicros, null);
    }
}
