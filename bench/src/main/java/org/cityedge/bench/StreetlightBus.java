package org.cityedge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;

/**
 * The bus benchmark's site: streetlight controllers with unit ids 1..n on one serial bus, every point of their
 * profile moved to the FAST class so that one poll of a device reads all of its points.
 */
final class StreetlightBus {

    static final String BUS_ID = "rs485-bench";
    static final String PROFILE_ID = "saigon-slc-110";

    private StreetlightBus() {
    }

    static Site site(int devices, int baud, Parity parity, int stopBits) {
        BusDefinition bus = new BusDefinition(BUS_ID, BusType.SERIAL, "/tmp/" + BUS_ID, baud, parity, stopBits, null,
                0, 0, 1);
        List<DeviceDefinition> list = new ArrayList<>();
        for (int unit = 1; unit <= devices; unit++) {
            list.add(new DeviceDefinition(String.format("slc-%03d", unit), "bench lamp " + unit, BUS_ID, unit,
                    PROFILE_ID, null, "bench"));
        }
        return new Site("bench", "bench-gw", null, "UTC", List.of(bus), list);
    }

    /** The profile with every point polled FAST: one poll class, so a poll cycle reads every point once. */
    static Map<String, DeviceProfile> allFast(Map<String, DeviceProfile> loaded) {
        DeviceProfile p = loaded.get(PROFILE_ID);
        if (p == null) {
            throw new IllegalStateException("built-in profile " + PROFILE_ID + " not found");
        }
        List<PointDefinition> fast = p.points().stream().map(StreetlightBus::fast).toList();
        return Map.of(PROFILE_ID, new DeviceProfile(p.id(), p.vendor(), p.model(), p.kind(), p.fiwareType(),
                p.limits(), fast, p.commands(), p.identification(), p.source()));
    }

    private static PointDefinition fast(PointDefinition d) {
        return new PointDefinition(d.name(), d.table(), d.address(), d.type(), d.byteOrder(), d.wordOrder(),
                d.scale(), d.offset(), d.unit(), d.access(), d.min(), d.max(), PollClass.FAST, d.bits(),
                d.enumValues());
    }
}
