/**
 * Commissioning on site: the one way in for changes made by the technician's CLI and the local web console.
 * Changes are validated first (the offending field named), applied whole or not at all, and picked up by the
 * components without a restart.
 */
@Export
@Version("1.1.0")
package org.cityedge.api.provision;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
