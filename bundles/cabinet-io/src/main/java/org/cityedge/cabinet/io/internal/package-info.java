/**
 * The cabinet I/O bundle's OSGi face: a Declarative Services component, configured through Metatype (pid
 * {@code org.cityedge.cabinet.io}), that serves the site's GPIO device (contactor, door, photocell), delivers its
 * samples to every {@link org.cityedge.api.field.SampleSink}, provides
 * {@link org.cityedge.api.field.FieldDevices} and drives the cabinet's status LED. Everything in this bundle is
 * private; other bundles see only the API services.
 */
package org.cityedge.cabinet.io.internal;
