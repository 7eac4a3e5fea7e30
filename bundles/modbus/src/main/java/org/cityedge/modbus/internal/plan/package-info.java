/**
 * Poll planning: which read requests fetch a device's points at the least cost on the wire. Pure functions of the
 * profile and the bus's cost model, so they are unit-tested exhaustively and reused by the benchmark's naive baseline.
 */
package org.cityedge.modbus.internal.plan;
