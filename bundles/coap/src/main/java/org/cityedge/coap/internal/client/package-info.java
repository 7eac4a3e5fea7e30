/**
 * The gateway as a CoAP client: reads devices that have an address, one request or Observe relation per (path,
 * format) group, with polling fallback, re-registration, verified writes and health.
 */
package org.cityedge.coap.internal.client;
