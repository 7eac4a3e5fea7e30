/** CoAP values (SenML record values, text) to canonical samples and back, with the Modbus driver's semantics. */
package org.cityedge.coap.internal.codec;
