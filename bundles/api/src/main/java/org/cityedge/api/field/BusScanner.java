package org.cityedge.api.field;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds the devices on a field bus and recognises their models, for commissioning (the provisioning CLI and the
 * local console). A driver that can scan registers one. A scan shares the bus with polling: its requests queue on
 * the bus like polls, so devices already configured keep being read, only more slowly.
 */
@ProviderType
public interface BusScanner {

    /** Ids of the site's buses this driver can scan. */
    Set<String> scannableBuses();

    /**
     * Starts a scan and returns at once. The listener hears progress and every device found, from the scan's
     * thread; the returned scan completes with the result, or with the devices found so far when cancelled.
     *
     * @throws IllegalArgumentException for an unknown bus, a range outside 1..247, or a bus already being scanned
     */
    Scan scan(ScanRequest request, ScanListener listener);

    /**
     * Starts a scan of a range of Modbus TCP hosts that are not on the site yet (a new sensor station's switch).
     * Each host is one step of the progress; found devices carry {@code address} and a null bus.
     *
     * @throws IllegalArgumentException for a malformed or too large range, or when a host scan is running
     * @throws UnsupportedOperationException when this driver cannot reach TCP hosts
     */
    default Scan scanHosts(HostScanRequest request, ScanListener listener) {
        throw new UnsupportedOperationException("this driver does not scan TCP hosts");
    }
}
