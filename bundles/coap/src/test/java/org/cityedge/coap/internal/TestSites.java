package org.cityedge.coap.internal;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.CoapBinding;
import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;

/** Profiles and sites built in code, shaped like device-profiles/saigon-slc-nb1.yaml and mekong-aqn2.yaml. */
public final class TestSites {

    public static final String BUS = "nbiot";

    private TestSites() {
    }

    public static PointDefinition point(String name, DataType type, Access access, Double min, Double max,
            String unit, CoapBinding binding) {
        return new PointDefinition(name, null, 0, type, null, null, 1, 0, unit, access, min, max, PollClass.FAST,
                null, null, binding);
    }

    /** A push air-quality node: pm10 and pm25 in /3428/0 (SenML CBOR), temperature in /3303/0. */
    public static DeviceProfile airNode() {
        return new DeviceProfile("aqn", "Mekong", "AQN-2", null, "AirQualityObserved", null, List.of(
                point("pm10", DataType.FLOAT64, Access.READ, 0d, 2000d, "ug/m3",
                        new CoapBinding("/3428/0", CoapFormat.SENML_CBOR, "/3428/0/1", false)),
                point("pm25", DataType.FLOAT64, Access.READ, 0d, 1000d, "ug/m3",
                        new CoapBinding("/3428/0", CoapFormat.SENML_CBOR, "/3428/0/3", false)),
                point("temperature", DataType.FLOAT64, Access.READ, -40d, 85d, "Cel",
                        new CoapBinding("/3303/0", CoapFormat.SENML_CBOR, "/3303/0/5700", false))),
                null, null, "aqn.yaml", Protocol.COAP);
    }

    /** A lamp node read by the gateway: 3311 observed (SenML JSON), 3416 polled (CBOR), 3303 text. */
    public static DeviceProfile lamp(int timeoutMs) {
        return new DeviceProfile("slc", "Saigon", "SLC-NB1", null, "Streetlight",
                new DeviceLimits(125, 2000, List.of(), timeoutMs, 0), List.of(
                point("powerState", DataType.BOOL, Access.READ_WRITE, null, null, "",
                        new CoapBinding("/3311/0", CoapFormat.SENML_JSON, "/3311/0/5850", true)),
                point("dimLevel", DataType.INT32, Access.READ_WRITE, 0d, 100d, "%",
                        new CoapBinding("/3311/0", CoapFormat.SENML_JSON, "/3311/0/5851", true)),
                point("gearTemperature", DataType.FLOAT64, Access.READ, -40d, 150d, "Cel",
                        new CoapBinding("/3416/0", CoapFormat.SENML_CBOR, "/3416/0/21", true)), // device refuses: polled
                point("lampFailure", DataType.BOOL, Access.READ, null, null, "",
                        new CoapBinding("/3416/0", CoapFormat.SENML_CBOR, "/3416/0/5", false)),
                point("nodeTemperature", DataType.FLOAT64, Access.READ_WRITE, -40d, 125d, "Cel",
                        new CoapBinding("/3303/0/5700", CoapFormat.TEXT, null, false))),
                null, null, "slc.yaml", Protocol.COAP);
    }

    public static Site site(DeviceDefinition... devices) {
        return new Site("test", "gw-1", null, "UTC", List.of(new BusDefinition(BUS, BusType.COAP, null, 0, null, 0,
                null, 0, 0, 1)), List.of(devices));
    }

    public static DeviceDefinition device(String id, String profile, String address) {
        return new DeviceDefinition(id, id, BUS, 0, profile, null, null, address);
    }

    public static Map<String, DeviceProfile> profiles(DeviceProfile... ps) {
        java.util.Map<String, DeviceProfile> m = new java.util.HashMap<>();
        for (DeviceProfile p : ps) {
            m.put(p.id(), p);
        }
        return m;
    }

    /** Fast settings for tests: loopback, ephemeral ports, short periods. */
    public static DriverConfig config(boolean allowPlain, String pskFile) {
        return config(allowPlain, pskFile, 0, 900_000);
    }

    /** As {@link #config(boolean, String)}, with a DTLS server port and push staleness of the test's choosing. */
    public static DriverConfig config(boolean allowPlain, String pskFile, int serverPort, long pushStaleAfterMs) {
        return new DriverConfig(allowPlain, true, "127.0.0.1", serverPort, 0, pskFile, 1024, 200, 300, 500, 2, 200,
                1000, 500, 0, 60_000, pushStaleAfterMs);
    }
}
