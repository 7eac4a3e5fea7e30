package org.cityedge.api.profile;

import java.util.List;

/**
 * How a bus scan recognises this model: Modbus device identification (function 0x2B / 0x0E) where the device
 * answers it, otherwise registers whose content is fixed for the model.
 *
 * @param vendorName  expected VendorName object (0x00), or null
 * @param productCode expected ProductCode object (0x01), or null
 * @param signatures  registers that must hold the given values
 */
public record Identification(String vendorName, String productCode, List<Signature> signatures) {

    public Identification {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /** A register with a model-specific fixed value. */
    public record Signature(RegisterTable table, int address, int value) {
    }
}
