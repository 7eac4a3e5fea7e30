/**
 * The site: who this gateway is, which buses it has and which devices sit on them, and the
 * service that holds the current, validated site with its profiles.
 */
@Export
@Version("1.2.0")
package org.cityedge.api.site;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
