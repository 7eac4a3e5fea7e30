package org.cityedge.aqi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;

/**
 * A site service holding an air-quality station shaped like device-profiles/mekong-aqm6.yaml ({@code aq-1}), one
 * with a CO cell in ppm ({@code aq-ppm}), a streetlight and a weather station that happens to have a pm25 point.
 */
final class TestSite implements SiteService {

    static final String STATION = "aq-1";
    static final String PPM_STATION = "aq-ppm";
    static final String LAMP = "sl-1";
    static final String WEATHER = "ws-1";

    private volatile Site site;
    private final Map<String, DeviceProfile> profiles = new LinkedHashMap<>();

    TestSite(String timezone) {
        this(timezone, 0);
    }

    /** The test site plus {@code stations} more AQM-6 stations, {@code aq-bench-0} ... (for the benchmark). */
    TestSite(String timezone, int stations) {
        profiles.put("aqm6",
                profile("aqm6", DeviceKind.AIR_QUALITY, "ug/m3", "pm25", "pm10", "co", "no2", "so2", "o3"));
        // a CO cell in ppm beside a PM2.5 sensor in ug/m3
        profiles.put("aq-ppm", withPoint(profile("aq-ppm", DeviceKind.AIR_QUALITY, "[ppm]", "co"),
                point("pm25", "ug/m3", 200)));
        profiles.put("slc", profile("slc", DeviceKind.STREETLIGHT_CONTROLLER, "W", "activePower"));
        profiles.put("weather", profile("weather", DeviceKind.OTHER, "ug/m3", "pm25"));
        site = new Site("test", "gw-1", null, timezone, List.of(), List.of(
                new DeviceDefinition(STATION, null, "tcp-1", 1, "aqm6", null, null),
                new DeviceDefinition(PPM_STATION, null, "tcp-1", 2, "aq-ppm", null, null),
                new DeviceDefinition(LAMP, null, "rtu-1", 3, "slc", null, null),
                new DeviceDefinition(WEATHER, null, "rtu-1", 4, "weather", null, null)));
        List<DeviceDefinition> devices = new ArrayList<>(site.devices());
        for (int i = 0; i < stations; i++) {
            devices.add(new DeviceDefinition("aq-bench-" + i, null, "tcp-1", 1, "aqm6", null, null));
        }
        site = new Site(site.site(), site.gatewayId(), null, timezone, List.of(), devices);
    }

    /** Removes a device, as a site reload does. */
    void remove(String device) {
        List<DeviceDefinition> devices = new ArrayList<>(site.devices());
        devices.removeIf(d -> d.id().equals(device));
        site = new Site(site.site(), site.gatewayId(), site.location(), site.timezone(), site.buses(), devices);
    }

    @Override
    public Site site() {
        return site;
    }

    @Override
    public Map<String, DeviceProfile> profiles() {
        return profiles;
    }

    @Override
    public List<ConfigProblem> problems() {
        return List.of();
    }

    private static DeviceProfile profile(String id, DeviceKind kind, String unit, String... points) {
        List<PointDefinition> defs = new ArrayList<>();
        int address = 100;
        for (String p : points) {
            defs.add(point(p, unit, address++));
        }
        defs.add(new PointDefinition("stationStatus", RegisterTable.INPUT, 130, DataType.BITFIELD, null, null, 1, 0,
                "", null, null, null, null, Map.of(0, "pmSensorFailure", 1, "gasSensorFailure"), null));
        return new DeviceProfile(id, "test", id, kind, null, null, defs, null, null, id + ".yaml");
    }

    private static DeviceProfile withPoint(DeviceProfile p, PointDefinition extra) {
        List<PointDefinition> defs = new ArrayList<>(p.points());
        defs.add(extra);
        return new DeviceProfile(p.id(), p.vendor(), p.model(), p.kind(), p.fiwareType(), p.limits(), defs,
                p.commands(), p.identification(), p.source());
    }

    private static PointDefinition point(String name, String unit, int address) {
        return new PointDefinition(name, RegisterTable.INPUT, address, DataType.UINT16, null, null, 0.1, 0, unit,
                null, 0.0, null, null, null, null);
    }
}
