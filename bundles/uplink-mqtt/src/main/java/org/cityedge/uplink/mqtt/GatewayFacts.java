package org.cityedge.uplink.mqtt;

import java.util.List;
import java.util.Map;

import org.cityedge.api.field.DeviceHealth;

/**
 * What the uplink tells about the gateway in its birth and health messages. Under OSGi it comes from the site
 * service, the field drivers and the installed bundles; in tests and the benchmark from fixed values.
 */
interface GatewayFacts {

    /** Site and gateway id from the site file; {@code unprovisioned} before one is loaded. */
    String site();

    String gatewayId();

    /** Software versions by component (bundle symbolic name). */
    Map<String, String> versions();

    List<DeviceFact> devices();

    /** Ids of the device profiles in use. */
    List<String> profiles();

    /** Version of the running local control rule set; null when none. */
    String ruleSetVersion();

    List<DeviceHealth> deviceHealth();

    /** One device of the site, as the birth message lists it. */
    record DeviceFact(String id, String name, String profile, String bus) {
    }
}
