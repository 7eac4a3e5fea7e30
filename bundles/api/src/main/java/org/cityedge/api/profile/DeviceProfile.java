package org.cityedge.api.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device model: identity, wire limits, points and commands. Loaded from one YAML file.
 *
 * @param id             profile id referenced by the site file, e.g. {@code acme-slc-100}
 * @param vendor         manufacturer
 * @param model          model name
 * @param kind           what the device is
 * @param fiwareType     FIWARE Smart Data Model entity type the points map to, e.g. {@code Streetlight}
 * @param limits         wire limits
 * @param points         points, in file order
 * @param commands       commands
 * @param identification how a scan recognises the model
 * @param source         where the profile was loaded from (file name), for error messages
 * @param protocol       how the gateway reaches the device; decides which driver serves it
 */
public record DeviceProfile(String id, String vendor, String model, DeviceKind kind, String fiwareType,
        DeviceLimits limits, List<PointDefinition> points, List<CommandDefinition> commands,
        Identification identification, String source, Protocol protocol) {

    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        limits = limits == null ? DeviceLimits.DEFAULT : limits;
        points = List.copyOf(points);
        commands = commands == null ? List.of() : List.copyOf(commands);
        kind = kind == null ? DeviceKind.OTHER : kind;
        protocol = protocol == null ? Protocol.MODBUS : protocol;
    }

    /** A Modbus profile (the constructor of {@code cityedge.api.profile} 1.0). */
    public DeviceProfile(String id, String vendor, String model, DeviceKind kind, String fiwareType,
            DeviceLimits limits, List<PointDefinition> points, List<CommandDefinition> commands,
            Identification identification, String source) {
        this(id, vendor, model, kind, fiwareType, limits, points, commands, identification, source, Protocol.MODBUS);
    }

    /** The point with this canonical name (bitfield members are found through their register). */
    public Optional<PointDefinition> point(String name) {
        for (PointDefinition p : points) {
            if (p.name().equals(name) || p.bits().containsValue(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The command with this name. */
    public Optional<CommandDefinition> command(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
