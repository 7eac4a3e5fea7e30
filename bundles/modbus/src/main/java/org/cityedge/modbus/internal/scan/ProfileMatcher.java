package org.cityedge.modbus.internal.scan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Identification;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.modbus.internal.wire.LinkException;

/**
 * Recognises a device's profile: by its device identification (VendorName and ProductCode equal to those a profile
 * declares, ignoring case and outer blanks), else by signature registers (every signature of a profile holds its
 * value). Signatures are tried for profiles without a declared identity first (they can be recognised no other way),
 * then the most specific ones (more signatures); each register is read at most once per device.
 */
public final class ProfileMatcher {

    /** Reads one signature register (a bit reads 0 or 1); empty when the device refuses it with an exception. */
    @FunctionalInterface
    public interface SignatureReader {
        OptionalInt read(RegisterTable table, int address) throws LinkException;
    }

    private final List<DeviceProfile> byIdentity;
    private final List<DeviceProfile> bySignature;

    public ProfileMatcher(Collection<DeviceProfile> profiles) {
        List<DeviceProfile> modbus = profiles.stream()
                .filter(p -> p.protocol() == Protocol.MODBUS && p.identification() != null)
                .sorted(Comparator.comparing(DeviceProfile::id)).toList();
        byIdentity = modbus.stream().filter(p -> hasIdentity(p.identification()))
                .sorted(Comparator.comparingInt((DeviceProfile p) -> declared(p.identification())).reversed())
                .toList();
        bySignature = modbus.stream().filter(p -> !p.identification().signatures().isEmpty())
                .sorted(Comparator.comparing((DeviceProfile p) -> hasIdentity(p.identification()))
                        .thenComparing(p -> -p.identification().signatures().size()))
                .toList();
    }

    /** The profile whose declared VendorName and ProductCode (those it declares) both equal the device's. */
    public Optional<DeviceProfile> byIdentity(String vendorName, String productCode) {
        for (DeviceProfile p : byIdentity) {
            Identification id = p.identification();
            if (same(id.vendorName(), vendorName) && same(id.productCode(), productCode)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The first profile whose signatures all hold. A silent device (the reader throws) ends the search with the
     * exception.
     */
    public Optional<DeviceProfile> bySignatures(SignatureReader reader) throws LinkException {
        Map<String, OptionalInt> read = new HashMap<>();
        for (DeviceProfile p : bySignature) {
            if (allHold(p.identification().signatures(), reader, read)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Registers a full signature search may read, for estimates. */
    public int signatureRegisters() {
        List<String> keys = new ArrayList<>();
        bySignature.forEach(p -> p.identification().signatures().forEach(s -> {
            if (!keys.contains(key(s))) {
                keys.add(key(s));
            }
        }));
        return keys.size();
    }

    private static boolean allHold(List<Identification.Signature> signatures, SignatureReader reader,
            Map<String, OptionalInt> read) throws LinkException {
        for (Identification.Signature s : signatures) {
            OptionalInt value = read.get(key(s));
            if (value == null) {
                value = reader.read(s.table(), s.address());
                read.put(key(s), value);
            }
            if (value.isEmpty() || value.getAsInt() != (s.value() & 0xFFFF)) {
                return false;
            }
        }
        return true;
    }

    private static String key(Identification.Signature s) {
        return s.table() + ":" + s.address();
    }

    private static boolean hasIdentity(Identification id) {
        return id.vendorName() != null || id.productCode() != null;
    }

    private static int declared(Identification id) {
        return (id.vendorName() != null ? 1 : 0) + (id.productCode() != null ? 1 : 0);
    }

    private static boolean same(String declared, String answered) {
        return declared == null || (answered != null
                && declared.trim().toLowerCase(Locale.ROOT).equals(answered.trim().toLowerCase(Locale.ROOT)));
    }
}
