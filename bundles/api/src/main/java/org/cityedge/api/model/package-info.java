/**
 * The canonical model every stage speaks: a {@link org.cityedge.api.model.Sample} is one value of one
 * canonical point of one device, with unit, time and quality. Devices of any protocol end up as samples, so rules,
 * buffer and uplink never see registers or resources.
 */
@Export
@Version("1.0.0")
package org.cityedge.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
