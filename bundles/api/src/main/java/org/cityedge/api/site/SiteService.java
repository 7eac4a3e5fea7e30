package org.cityedge.api.site;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityedge.api.profile.DeviceProfile;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Holds the current site and the device profiles that loaded cleanly. Devices whose profile is missing or broken
 * are left out of {@link #site()} and reported in {@link #problems()}; the rest run on.
 *
 * <p>The service is re-registered with a new {@code site.revision} property whenever the site or a profile changes,
 * so consumers that reference it dynamically see changes without a restart.
 */
@ProviderType
public interface SiteService {

    /** Service property: a number that grows with every successful reload. */
    String REVISION = "site.revision";

    /** The current site, holding only devices with a valid profile. */
    Site site();

    /** Valid profiles by id. */
    Map<String, DeviceProfile> profiles();

    /** The profile of a device of the current site. */
    default Optional<DeviceProfile> profileOf(String deviceId) {
        return site().device(deviceId).map(d -> profiles().get(d.profile()));
    }

    /** Problems found by the last load, one entry a problem. */
    List<ConfigProblem> problems();
}
