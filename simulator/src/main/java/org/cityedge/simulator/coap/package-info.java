/**
 * CoAP devices of a simulated site: devices the gateway reads are served by a Californium server each (plain UDP or
 * Scandium DTLS with a pre-shared key), nodes that push are Californium clients posting SenML to the gateway. The
 * SenML encoding here is the simulator's own, so the gateway's CoAP driver is tested against an independent peer.
 */
package org.cityedge.simulator.coap;
