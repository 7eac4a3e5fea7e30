package org.cityedge.control.command;

import java.util.List;
import java.util.Optional;

import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteService;
import org.cityedge.control.command.CommandRequest.Target;

/** Resolves a command's target to devices of the current site, in site-file order. */
final class Targets {

    static final String DIM_POINT = "dimLevel";
    static final String LAMP_RELAY = "powerState";
    static final String CONTACTOR = "contactorState";

    private Targets() {
    }

    static SiteService requireSite(SiteService site) throws CommandRefused {
        if (site == null) {
            throw new CommandRefused("unavailable", "the gateway's site file is not loaded, so it knows no devices;"
                    + " nothing was done");
        }
        return site;
    }

    /** The devices addressed; refuses unknown devices and groups, and an "all" without any lamp controller. */
    static List<DeviceDefinition> resolve(SiteService site, Target target) throws CommandRefused {
        List<DeviceDefinition> devices = site.site().devices();
        return switch (target.kind()) {
            case DEVICE -> List.of(site.site().device(target.name()).orElseThrow(() -> new CommandRefused(
                    "unknown-device", "device " + target.name() + " is not in this gateway's site file (or its"
                            + " profile did not load)", target.field())));
            case GROUP -> {
                List<DeviceDefinition> members = devices.stream().filter(d -> target.name().equals(d.group()))
                        .toList();
                if (members.isEmpty()) {
                    throw new CommandRefused("unknown-group", "no device of this gateway is in group "
                            + target.name(), target.field());
                }
                yield members;
            }
            case ALL -> {
                List<DeviceDefinition> lamps = devices.stream()
                        .filter(d -> profile(site, d).map(p -> p.kind() == DeviceKind.STREETLIGHT_CONTROLLER)
                                .orElse(false))
                        .toList();
                if (lamps.isEmpty()) {
                    throw new CommandRefused("unsupported-action", "this gateway has no lamp controllers",
                            target.field());
                }
                yield lamps;
            }
        };
    }

    static Optional<DeviceProfile> profile(SiteService site, DeviceDefinition device) {
        return Optional.ofNullable(site.profiles().get(device.profile()));
    }

    /** A read-write point of the device's profile with this name. */
    static Optional<PointDefinition> writable(SiteService site, DeviceDefinition device, String point) {
        return profile(site, device).flatMap(p -> p.point(point)).filter(PointDefinition::writable);
    }

    /** What "on" drives: the lamp relay, or on a cabinet controller the circuit contactor. */
    static Optional<String> switchPoint(SiteService site, DeviceDefinition device) {
        if (writable(site, device, LAMP_RELAY).isPresent()) {
            return Optional.of(LAMP_RELAY);
        }
        return writable(site, device, CONTACTOR).map(p -> CONTACTOR);
    }
}
