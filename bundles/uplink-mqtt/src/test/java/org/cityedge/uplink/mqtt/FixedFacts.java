package org.cityedge.uplink.mqtt;

import java.util.List;
import java.util.Map;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;

/** A gateway with fixed identity and devices, for tests, the gateway process and the benchmark. */
record FixedFacts(String site, String gatewayId, int deviceCount) implements GatewayFacts {

    static String device(int i) {
        return "lamp-" + i;
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("org.cityedge.uplink.mqtt", "0.1.0.test", "java", System.getProperty("java.version"));
    }

    @Override
    public List<DeviceFact> devices() {
        return java.util.stream.IntStream.range(0, deviceCount)
                .mapToObj(i -> new DeviceFact(device(i), "Lamp " + i, "demo-streetlight", "rs485-1")).toList();
    }

    @Override
    public List<String> profiles() {
        return List.of("demo-streetlight");
    }

    @Override
    public String ruleSetVersion() {
        return null;
    }

    @Override
    public List<DeviceHealth> deviceHealth() {
        return java.util.stream.IntStream.range(0, deviceCount)
                .mapToObj(i -> new DeviceHealth(device(i), "rs485-1", DeviceState.ONLINE, System.currentTimeMillis(),
                        12_000, 100 + i, Map.of("timeout", (long) i)))
                .toList();
    }
}
