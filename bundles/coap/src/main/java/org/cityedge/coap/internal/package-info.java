/**
 * The CoAP driver's OSGi face: the DS component, its Metatype configuration, and the OSGi-free {@link
 * org.cityedge.coap.internal.CoapDriver} it wires to the site service and the sample sinks.
 */
package org.cityedge.coap.internal;
