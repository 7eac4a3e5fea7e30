/**
 * Contracts between the field layer (drivers and pollers) and the stages after it: where samples go,
 * how a device is written and read on demand, and how its health is reported.
 */
@Export
@Version("1.2.0")
package org.cityedge.api.field;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
