package org.cityedge.simulator.modbus;

import org.cityedge.api.profile.RegisterTable;

/** What a Modbus server reads and writes: one device's four tables, limits and identity. */
public interface ModbusDataModel {

    /** Bits of a coil or discrete-input range; refuses ranges outside the map or forbidden by the profile. */
    boolean[] readBits(RegisterTable table, int start, int count) throws ModbusException;

    /** Registers of a holding or input range; refuses ranges outside the map or forbidden by the profile. */
    int[] readRegisters(RegisterTable table, int start, int count) throws ModbusException;

    /** Writes coils; refuses addresses that are not writable points and values out of their range. */
    void writeCoils(int start, boolean[] values) throws ModbusException;

    /** Writes holding registers; refuses addresses that are not writable points and values out of their range. */
    void writeRegisters(int start, int[] values) throws ModbusException;

    /** Largest register count in one read. */
    int maxReadRegisters();

    /** Largest bit count in one read. */
    int maxReadBits();

    /** The identification objects, or null when the device does not implement function 0x2B. */
    DeviceIdentity identity();
}
