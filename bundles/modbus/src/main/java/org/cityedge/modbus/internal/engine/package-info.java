/**
 * The Modbus engine: per-bus queues and threads, poll scheduling with staggering, device health with backoff, bus
 * reopening, verified writes, bus scans through the bus queues and host scans of Modbus TCP hosts on no bus. {@link org.cityedge.modbus.internal.engine.ModbusEngine} runs without OSGi, for tests
 * and benchmarks; the component in {@code org.cityedge.modbus.internal} wires it to the service registry.
 */
package org.cityedge.modbus.internal.engine;
