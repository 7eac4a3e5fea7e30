/**
 * Bus servers: Modbus TCP (MBAP), Modbus RTU over TCP, and Modbus RTU on a socat pty pair. RTU replies are written
 * only once the time the transaction would take on a real line has passed ({@link org.cityedge.simulator.WireTiming}),
 * waited out with {@link org.cityedge.simulator.transport.PreciseWait}.
 */
package org.cityedge.simulator.transport;
