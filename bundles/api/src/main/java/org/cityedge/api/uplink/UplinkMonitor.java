package org.cityedge.api.uplink;

import org.osgi.annotation.versioning.ProviderType;

/** Registered by the uplink so the console and health reports can show the link's state. */
@ProviderType
public interface UplinkMonitor {

    UplinkStatus status();
}
