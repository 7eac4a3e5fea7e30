/**
 * The wire: one Modbus transaction per call over j2mod (RTU on a serial port through jSerialComm, Modbus TCP, RTU
 * over TCP), with j2mod's own retries and sleeps switched off and every failure classified (timeout, crc, exception
 * code, decode, io) for the health counters.
 */
package org.cityedge.modbus.internal.wire;
