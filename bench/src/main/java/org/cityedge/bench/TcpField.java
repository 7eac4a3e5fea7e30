package org.cityedge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.site.load.ProfileLoadResult;
import org.cityedge.site.load.SiteFiles;

/**
 * The TCP benchmark's site: {@code n} energy meters, each a Modbus TCP device of its own (own endpoint, one
 * connection, unit 1), as meters with an Ethernet port are wired in a city: one IP address each, not behind a
 * gateway. On loopback every endpoint is a port of 127.0.0.1 instead of an address.
 */
final class TcpField {

    static final String PROFILE_ID = "bench-meter-20";
    private static final String PROFILE_RESOURCE = "bench-profiles/" + PROFILE_ID + ".yaml";

    private TcpField() {
    }

    /** Device id of the meter with this index; zero-padded so that id order is index order. */
    static String deviceId(int index) {
        return String.format("meter-%04d", index);
    }

    static Site site(int devices) {
        List<BusDefinition> buses = new ArrayList<>();
        List<DeviceDefinition> list = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            String bus = String.format("tcp-%04d", i);
            buses.add(new BusDefinition(bus, BusType.TCP, null, 0, null, 1, "127.0.0.1", 0, 0, 1));
            list.add(new DeviceDefinition(deviceId(i), "bench meter " + i, bus, 1, PROFILE_ID, null, "bench"));
        }
        return new Site("bench", "bench-gw", null, "UTC", buses, list);
    }

    /** The benchmark's 20-point meter profile (a YAML file in this jar), validated like any profile. */
    static Map<String, DeviceProfile> profiles() throws IOException {
        Path dir = Files.createTempDirectory("cityedge-bench-profiles");
        Path file = dir.resolve(PROFILE_ID + ".yaml");
        try (InputStream in = TcpField.class.getClassLoader().getResourceAsStream(PROFILE_RESOURCE)) {
            if (in == null) {
                throw new IOException(PROFILE_RESOURCE + " is missing from the benchmark jar");
            }
            Files.copy(in, file);
            ProfileLoadResult loaded = SiteFiles.loadProfiles(List.of(dir));
            DeviceProfile meter = loaded.profiles().get(PROFILE_ID);
            if (meter == null) {
                throw new IOException("profile " + PROFILE_ID + " does not load: " + loaded.problems());
            }
            return Map.of(PROFILE_ID, meter);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
