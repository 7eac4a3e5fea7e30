/**
 * Benchmark of the push server ({@code CoapIngestBench}, a main, not a test): the SenML codec alone, then simulated
 * Mekong AQN-2 nodes posting packs to a real {@code CoapDriver} on loopback, over plain CoAP and DTLS PSK.
 */
package org.cityedge.coap.internal.bench;
