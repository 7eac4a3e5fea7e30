package org.cityedge.modbus.internal.engine;

import java.util.Optional;
import java.util.OptionalInt;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.ScanRequest.LineSetting;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.modbus.internal.scan.ProfileMatcher;
import org.cityedge.modbus.internal.wire.DeviceIdentity;
import org.cityedge.modbus.internal.wire.ErrorKind;
import org.cityedge.modbus.internal.wire.LinkException;

/**
 * Asks one unit id of a bus, under one line setting, or of a TCP host: is anything there (read one holding register:
 * the shortest answer, so an absent unit costs the short timeout), and if so which profile (device identification,
 * then signature registers, both with the longer identification timeout). Any answer counts as present, an exception
 * reply too, except the gateway exceptions 10 and 11, which mean that nothing answered behind a gateway.
 */
final class UnitProbe {

    /** Carries the probe's transactions: a slot of a bus queue, or a host scan's own connection. */
    interface Wire {
        /** Runs one transaction waiting at most {@code timeoutMs} for the answer. */
        <T> T transact(int timeoutMs, BusLine.Transaction<T> transaction) throws LinkException;
    }

    static final String BY_IDENTIFICATION = "device-identification";
    static final String BY_SIGNATURE = "signature";
    static final String BY_NONE = "none";

    /** The outcome for one unit id: {@code found} is null when nothing answered; {@code micros} is the time it took. */
    record Outcome(int unitId, FoundDevice found, long micros) {
    }

    private final String busId;
    private final LineSetting reported;
    private final String address;
    private final int timeoutMs;
    private final int identifyTimeoutMs;
    private final ProfileMatcher matcher;

    private UnitProbe(String busId, LineSetting reported, String address, int timeoutMs, int identifyTimeoutMs,
            ProfileMatcher matcher) {
        this.busId = busId;
        this.reported = reported;
        this.address = address;
        this.timeoutMs = timeoutMs;
        this.identifyTimeoutMs = identifyTimeoutMs;
        this.matcher = matcher;
    }

    /** Asks on a bus of the site; found devices carry the bus and the line setting they answered under. */
    static UnitProbe onBus(String busId, LineSetting reported, int timeoutMs, int identifyTimeoutMs,
            ProfileMatcher matcher) {
        return new UnitProbe(busId, reported, null, timeoutMs, identifyTimeoutMs, matcher);
    }

    /** Asks a TCP host that is on no bus; found devices carry its {@code host:port}. */
    static UnitProbe onHost(String address, int timeoutMs, int identifyTimeoutMs, ProfileMatcher matcher) {
        return new UnitProbe(null, null, address, timeoutMs, identifyTimeoutMs, matcher);
    }

    /** @throws LinkException only when the wire itself failed (port or endpoint), not for a silent or unhappy unit */
    Outcome ask(Wire wire, int unit) throws LinkException {
        long started = System.nanoTime();
        long[] requestStarted = new long[1];
        try {
            wire.transact(timeoutMs, link -> {
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
        FoundDevice found = identify(wire, unit, responseMicros);
        return new Outcome(unit, found, (System.nanoTime() - started) / 1000);
    }

    private FoundDevice identify(Wire wire, int unit, long responseMicros) throws LinkException {
        DeviceIdentity identity = null;
        try {
            identity = wire.transact(identifyTimeoutMs, link -> link.readDeviceIdentification(unit, identifyTimeoutMs));
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
                profile = matcher.bySignatures((table, register) -> readSignature(wire, unit, table, register));
            } catch (LinkException e) {
                if (busFailed(e)) {
                    throw e;
                }
                profile = Optional.empty(); // it stopped answering: report it unrecognised
            }
        }
        return new FoundDevice(busId, unit, reported, profile.map(DeviceProfile::id).orElse(null),
                profile.isPresent() ? by : BY_NONE, vendor, product, responseMicros, address);
    }

    private OptionalInt readSignature(Wire wire, int unit, RegisterTable table, int register) throws LinkException {
        try {
            if (table.isBits()) {
                boolean[] bits = wire.transact(identifyTimeoutMs,
                        link -> link.readBits(unit, table, register, 1, identifyTimeoutMs));
                return OptionalInt.of(bits[0] ? 1 : 0);
            }
            int[] registers = wire.transact(identifyTimeoutMs,
                    link -> link.readRegisters(unit, table, register, 1, identifyTimeoutMs));
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
