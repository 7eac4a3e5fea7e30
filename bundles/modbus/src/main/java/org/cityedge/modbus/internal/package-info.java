/**
 * The Modbus driver bundle's OSGi face: a Declarative Services component, configured through Metatype (pid
 * {@code org.cityedge.modbus}), that polls the site's Modbus devices, delivers their samples to every
 * {@link org.cityedge.api.field.SampleSink} and provides {@link org.cityedge.api.field.FieldDevices} and
 * {@link org.cityedge.api.field.BusScanner} (bus scans and host scans). Everything in
 * this bundle is private; other bundles see only the API services.
 */
package org.cityedge.modbus.internal;
