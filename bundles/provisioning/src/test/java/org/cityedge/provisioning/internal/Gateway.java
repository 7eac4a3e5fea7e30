package org.cityedge.provisioning.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Site;

/** One gateway for tests: its configuration and state directories, ConfigAdmin, site and provisioning. */
public final class Gateway {

    public static final List<String> MANAGED = List.of("org.cityedge.uplink.mqtt", "org.cityedge.trust",
            "org.cityedge.console", "org.cityedge.coap", "org.cityedge.telemetry.log");

    public final Path configDir;
    public final Path stateDir;
    public final FakeConfigAdmin configAdmin = new FakeConfigAdmin();
    public final FakeSite site;
    public final GatewayProvisioning provisioning;

    public Gateway(Path root, Site site) {
        this.configDir = root.resolve("config");
        this.stateDir = root.resolve("state");
        this.site = new FakeSite(site);
        this.provisioning = new GatewayProvisioning(MANAGED, configAdmin.admin, TestMetatype.gateway(), configDir,
                stateDir, () -> this.site, () -> this.site, Clock.systemUTC(), ConsoleCheckStandIn.registered());
    }

    /** A gateway of the Dong Xoai site, with an identity. */
    public static Gateway provisioned(Path root) {
        return new Gateway(root, new Site("dong-xoai", "dx-cab-001", new GeoPoint(11.53, 106.89),
                "Asia/Ho_Chi_Minh", List.of(), List.of()));
    }
}
