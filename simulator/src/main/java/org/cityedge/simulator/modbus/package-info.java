/**
 * Modbus on the wire, kept small and owned by the simulator so it can misbehave at byte level on demand: CRC-16,
 * RTU request delimiting by function length, MBAP headers, and the PDU processor that answers functions 1-6, 15, 16
 * and 0x2B/0x0E (read device identification) from a {@link org.cityedge.simulator.modbus.ModbusDataModel}.
 */
package org.cityedge.simulator.modbus;
