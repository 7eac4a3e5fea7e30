/**
 * Contracts of the control path: IOC commands, the arbitration of who drives a writable point (IOC override over
 * local rules over the dimming schedule over the device's own default), signed policy documents (rule sets,
 * schedules) and the dimming plan.
 *
 * <pre>
 * IOC ─► uplink ─► {@link org.cityedge.api.control.CommandHandler} ─► {@link org.cityedge.api.control.PointControl}
 *                                                   │                 ─► FieldDevices.write (verified)
 *                                                   └─► {@link org.cityedge.api.control.DocumentVerifier}
 *                                                       ─► {@link org.cityedge.api.control.PolicyDocumentHandler}
 * rules, schedule ─► {@link org.cityedge.api.control.PointControl}
 * </pre>
 */
@Export
@Version("1.1.0")
package org.cityedge.api.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
