package org.cityedge.modbus.internal.engine;

import java.util.Optional;
import java.util.OptionalInt;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.ScanRequest.LineSetting;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.modbus.internal.scan.ProfileMatcher;
import org.cityedge.modbus.internal.wire.DeviceIdentity;
import org.cityedge.modbus.internal.wire.ErrorKind;
import org.cityedge.modbus.internal.wire.LinkException;

/**
 * Asks one unit id of a bus, under one line setting: is anything there (read one holding register: the shortest
 * answer, so an absent unit costs the short timeout), and if so which profile (device identification, then signature
 * registers, both with the longer identification timeout). Any answer counts as present, an exception reply too,
 * except the gateway exceptions 10 and 11, which mean that nothing answered behind a gateway.
 */
final class UnitProbe {

    static final String BY_IDENTIFICATION = "device-identification";
    static final String BY_SIGNATURE = "signature";
    static final String BY_NONE = "none";

    /** The outcome for one unit id: {@code found} is null when nothing answered; {@code micros} is the time it took. */
    record Outcome(int unitId, FoundDevice found, long micros) {
    }

    private final BusLine line;
    private final BusDefinition setting;
    private final LineSetting reported;
    private final int timeoutMs;
    private final int identifyTimeoutMs;
    private final long gapNanos;
    private final ProfileMatcher matcher;

    UnitProbe(BusLine line, BusDefinition setting, LineSetting reported, int timeoutMs, int identifyTimeoutMs,
            long gapNanos, ProfileMatcher matcher) {
        this.line = line;
        this.setting = setting;
        this.reported = reported;
        this.timeoutMs = timeoutMs;
        this.identifyTimeoutMs = identifyTimeoutMs;
        this.gapNanos = gapNanos;
        this.matcher = matcher;
    }

    /** @throws LinkException only when the bus itself failed (port or endpoint), not for a silent or unhappy unit */
    Outcome ask(BusLine.Slot slot, int unit) throws LinkException {
        long started = System.nanoTime();
        long[] requestStarted = new long[1];
        try {
            line.transact(slot, setting, timeoutMs, gapNanos, link -> {
                requestStarted[0] = System.nanoTime();
                return link.readRegisters(unit, RegisterTable.HOLDING, 0, 1, timeoutMs);
            });
        } catch (LinkException e) {
            if (busFailed(e)) {
                throw e;
            }
            if (!deviceAnswered(e)) {
                return new Outcome(unit, null, (System.nanoTime() - started) / 1000);
            }
        }
        long responseMicros = (System.nanoTime() - requestStarted[0]) / 1000;
        FoundDevice found = identify(slot, unit, responseMicros);
        return new Outcome(unit, found, (System.nanoTime() - started) / 1000);
    }

    private FoundDevice identify(BusLine.Slot slot, int unit, long responseMicros) throws LinkException {
        DeviceIdentity identity = null;
        try {
            identity = line.transact(slot, setting, identifyTimeoutMs, gapNanos,
                    link -> link.readDeviceIdentification(unit, identifyTimeoutMs));
        } catch (LinkException e) {
            if (busFailed(e)) {
                throw e;
            }
            // illegal function (no 0x2B), a garbled or a missing reply: signatures may still tell
        }
        String vendor = identity == null ? null : identity.vendorName();
        String product = identity == null ? null : identity.productCode();
        Optional<DeviceProfile> profile = identity == null ? Optional.empty() : matcher.byIdentity(vendor, product);
        String by = BY_IDENTIFICATION;
        if (profile.isEmpty()) {
            by = BY_SIGNATURE;
            try {
                profile = matcher.bySignatures((table, address) -> readSignature(slot, unit, table, address));
            } catch (LinkException e) {
                if (busFailed(e)) {
                    throw e;
                }
                profile = Optional.empty(); // it stopped answering: report it unrecognised
            }
        }
        return new FoundDevice(line.bus.id(), unit, reported, profile.map(DeviceProfile::id).orElse(null),
                profile.isPresent() ? by : BY_NONE, vendor, product, responseMicros);
    }

    private OptionalInt readSignature(BusLine.Slot slot, int unit, RegisterTable table, int address)
            throws LinkException {
        try {
            if (table.isBits()) {
                boolean[] bits = line.transact(slot, setting, identifyTimeoutMs, gapNanos,
                        link -> link.readBits(unit, table, address, 1, identifyTimeoutMs));
                return OptionalInt.of(bits[0] ? 1 : 0);
            }
            int[] registers = line.transact(slot, setting, identifyTimeoutMs, gapNanos,
                    link -> link.readRegisters(unit, table, address, 1, identifyTimeoutMs));
            return OptionalInt.of(registers[0]);
        } catch (LinkException e) {
            if (e.kind() == ErrorKind.TIMEOUT || busFailed(e)) {
                throw e;
            }
            return OptionalInt.empty(); // refused or garbled: this signature does not hold
        }
    }

    private static boolean busFailed(LinkException e) {
        return e.kind() == ErrorKind.IO || e.kind() == ErrorKind.BUS_DOWN;
    }

    /** An exception reply from the unit itself; 10 and 11 are a gateway saying nothing answered. */
    private static boolean deviceAnswered(LinkException e) {
        return e.kind() == ErrorKind.EXCEPTION && e.exceptionCode() != 10 && e.exceptionCode() != 11;
    }
}
