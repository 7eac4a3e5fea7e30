/**
 * Reads and validates the site file and the device profiles: {@link org.cityedge.site.load.SiteFiles} turns YAML
 * files into the API's {@code Site} and {@code DeviceProfile} records plus a list of {@code ConfigProblem}s, each
 * naming file, line and field. Plain Java (no OSGi types), so the simulator and the provisioning tool use it too;
 * {@link org.cityedge.site.load.SiteWriter} writes a site back as YAML, and
 * {@link org.cityedge.site.load.SiteDocument} checks a new version of the file before it is written (1.1: which of
 * its problems are new, and the site as written, devices with broken profiles included).
 *
 * <p>Each file is checked against its JSON Schema (packaged under {@code schema/}), then by rules that need more
 * than one field. A bad profile is rejected whole; a bad device or bus is left out of the site, the rest loads.
 */
@Export
@Version("1.1.0")
package org.cityedge.site.load;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
