package org.cityedge.api.field;

import java.util.List;
import java.util.Objects;

import org.cityedge.api.site.Parity;

/**
 * What to scan.
 *
 * @param bus        bus id of the site
 * @param firstUnit  first Modbus unit id, 1..247
 * @param lastUnit   last unit id, firstUnit..247
 * @param lineSettings serial settings to try, in order, on a serial bus (empty: the bus's own settings); the scan
 *                   keeps the first setting under which a device answers (auto-detection)
 * @param timeoutMs  how long to wait for an answer before a unit id counts as absent (0: the driver's default for
 *                   the line speed)
 */
public record ScanRequest(String bus, int firstUnit, int lastUnit, List<LineSetting> lineSettings, int timeoutMs) {

    public ScanRequest {
        Objects.requireNonNull(bus, "bus");
        lineSettings = lineSettings == null ? List.of() : List.copyOf(lineSettings);
        if (firstUnit < 1 || lastUnit > 247 || firstUnit > lastUnit) {
            throw new IllegalArgumentException("unit ids " + firstUnit + ".." + lastUnit + " are not within 1..247");
        }
    }

    /** A serial line setting to try. */
    public record LineSetting(int baud, Parity parity, int stopBits) {
    }
}
