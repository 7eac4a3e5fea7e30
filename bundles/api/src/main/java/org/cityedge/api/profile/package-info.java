/**
 * Device profiles: the data that describes a device model (register map or CoAP
 * resources, points, units, commands) and the protocol that reaches it.
 * Profiles are loaded from YAML files; adding a sensor model means adding a file, not code.
 */
@Export
@Version("1.1.0")
package org.cityedge.api.profile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
