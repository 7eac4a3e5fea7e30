/**
 * The gateway as a CoAP server: {@code /readings/{deviceId}} accepts SenML pushed by sleepy nodes over DTLS PSK (or
 * plain CoAP when allowed); every refusal is answered with a precise code and counted.
 */
package org.cityedge.coap.internal.server;
