/**
 * A {@link org.cityedge.api.field.SampleSink} that prints each batch of normalized samples as one console line.
 * The demo shows live telemetry with it, and a technician can switch it on to watch one device while commissioning.
 * It is off unless configured: in production the IOC, not the journal, is where telemetry goes.
 */
package org.cityedge.telemetry.log;
