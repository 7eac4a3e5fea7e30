package org.cityedge.simulator.modbus;

import static org.cityedge.simulator.modbus.ExceptionCode.ILLEGAL_DATA_ADDRESS;
import static org.cityedge.simulator.modbus.ExceptionCode.ILLEGAL_DATA_VALUE;
import static org.cityedge.simulator.modbus.ExceptionCode.ILLEGAL_FUNCTION;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.cityedge.api.profile.RegisterTable;

/**
 * Answers one request PDU from a {@link ModbusDataModel}: the normal reply, or the exception reply the Modbus
 * application protocol (v1.1b3) prescribes for a bad function (1), address (2) or value (3).
 */
public final class RequestProcessor {

    private static final int MAX_PROTOCOL_READ_BITS = 2000;
    private static final int MAX_PROTOCOL_READ_REGISTERS = 125;
    private static final int MAX_WRITE_COILS = 1968;
    private static final int MAX_WRITE_REGISTERS = 123;

    private RequestProcessor() {
    }

    /** The reply PDU to {@code pdu} (function code first). Never throws for bad content. */
    public static byte[] process(byte[] pdu, ModbusDataModel model) {
        if (pdu.length == 0) {
            return ExceptionCode.reply(0, ILLEGAL_FUNCTION);
        }
        int function = pdu[0] & 0xFF;
        try {
            return switch (function) {
                case FunctionCode.READ_COILS -> readBits(pdu, model, RegisterTable.COIL);
                case FunctionCode.READ_DISCRETE_INPUTS -> readBits(pdu, model, RegisterTable.DISCRETE_INPUT);
                case FunctionCode.READ_HOLDING_REGISTERS -> readRegisters(pdu, model, RegisterTable.HOLDING);
                case FunctionCode.READ_INPUT_REGISTERS -> readRegisters(pdu, model, RegisterTable.INPUT);
                case FunctionCode.WRITE_SINGLE_COIL -> writeSingleCoil(pdu, model);
                case FunctionCode.WRITE_SINGLE_REGISTER -> writeSingleRegister(pdu, model);
                case FunctionCode.WRITE_MULTIPLE_COILS -> writeMultipleCoils(pdu, model);
                case FunctionCode.WRITE_MULTIPLE_REGISTERS -> writeMultipleRegisters(pdu, model);
                case FunctionCode.ENCAPSULATED_INTERFACE -> readDeviceIdentification(pdu, model);
                default -> throw new ModbusException(ILLEGAL_FUNCTION, "function " + function + " not implemented");
            };
        } catch (ModbusException e) {
            return ExceptionCode.reply(function, e.code());
        }
    }

    private static byte[] readBits(byte[] pdu, ModbusDataModel model, RegisterTable table) throws ModbusException {
        expectLength(pdu, 5);
        int start = u16(pdu, 1);
        int count = u16(pdu, 3);
        checkQuantity(count, Math.min(MAX_PROTOCOL_READ_BITS, model.maxReadBits()));
        checkEnd(start, count);
        boolean[] bits = model.readBits(table, start, count);
        byte[] reply = new byte[2 + (count + 7) / 8];
        reply[0] = pdu[0];
        reply[1] = (byte) ((count + 7) / 8);
        for (int i = 0; i < count; i++) {
            if (bits[i]) {
                reply[2 + i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return reply;
    }

    private static byte[] readRegisters(byte[] pdu, ModbusDataModel model, RegisterTable table)
            throws ModbusException {
        expectLength(pdu, 5);
        int start = u16(pdu, 1);
        int count = u16(pdu, 3);
        checkQuantity(count, Math.min(MAX_PROTOCOL_READ_REGISTERS, model.maxReadRegisters()));
        checkEnd(start, count);
        int[] registers = model.readRegisters(table, start, count);
        byte[] reply = new byte[2 + 2 * count];
        reply[0] = pdu[0];
        reply[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            put16(reply, 2 + 2 * i, registers[i]);
        }
        return reply;
    }

    private static byte[] writeSingleCoil(byte[] pdu, ModbusDataModel model) throws ModbusException {
        expectLength(pdu, 5);
        int value = u16(pdu, 3);
        if (value != 0xFF00 && value != 0x0000) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "coil value must be 0xFF00 or 0x0000");
        }
        model.writeCoils(u16(pdu, 1), new boolean[] {value == 0xFF00});
        return pdu.clone();
    }

    private static byte[] writeSingleRegister(byte[] pdu, ModbusDataModel model) throws ModbusException {
        expectLength(pdu, 5);
        model.writeRegisters(u16(pdu, 1), new int[] {u16(pdu, 3)});
        return pdu.clone();
    }

    private static byte[] writeMultipleCoils(byte[] pdu, ModbusDataModel model) throws ModbusException {
        if (pdu.length < 6) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "short request");
        }
        int start = u16(pdu, 1);
        int count = u16(pdu, 3);
        int byteCount = pdu[5] & 0xFF;
        checkQuantity(count, MAX_WRITE_COILS);
        if (byteCount != (count + 7) / 8 || pdu.length != 6 + byteCount) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "byte count does not match quantity");
        }
        checkEnd(start, count);
        boolean[] values = new boolean[count];
        for (int i = 0; i < count; i++) {
            values[i] = (pdu[6 + i / 8] & (1 << (i % 8))) != 0;
        }
        model.writeCoils(start, values);
        return new byte[] {pdu[0], pdu[1], pdu[2], pdu[3], pdu[4]};
    }

    private static byte[] writeMultipleRegisters(byte[] pdu, ModbusDataModel model) throws ModbusException {
        if (pdu.length < 6) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "short request");
        }
        int start = u16(pdu, 1);
        int count = u16(pdu, 3);
        int byteCount = pdu[5] & 0xFF;
        checkQuantity(count, MAX_WRITE_REGISTERS);
        if (byteCount != 2 * count || pdu.length != 6 + byteCount) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "byte count does not match quantity");
        }
        checkEnd(start, count);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = u16(pdu, 6 + 2 * i);
        }
        model.writeRegisters(start, values);
        return new byte[] {pdu[0], pdu[1], pdu[2], pdu[3], pdu[4]};
    }

    /** Function 0x2B / MEI 0x0E, basic objects only (conformity level 0x81: basic, stream and individual). */
    private static byte[] readDeviceIdentification(byte[] pdu, ModbusDataModel model) throws ModbusException {
        DeviceIdentity identity = model.identity();
        if (identity == null || pdu.length < 2 || (pdu[1] & 0xFF) != FunctionCode.MEI_READ_DEVICE_ID) {
            throw new ModbusException(ILLEGAL_FUNCTION, "device identification not supported");
        }
        expectLength(pdu, 4);
        int code = pdu[2] & 0xFF;
        int objectId = pdu[3] & 0xFF;
        if (code < 1 || code > 4) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "read device id code " + code);
        }
        int first;
        int last;
        if (code == 4) {
            if (objectId > 2) {
                throw new ModbusException(ILLEGAL_DATA_ADDRESS, "object " + objectId + " not implemented");
            }
            first = objectId;
            last = objectId;
        } else {
            // A stream request with an object id the device does not have restarts at object 0 (spec 6.21).
            first = objectId > 2 ? 0 : objectId;
            last = 2;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {pdu[0], pdu[1], (byte) code, (byte) 0x81, 0, 0, (byte) (last - first + 1)});
        for (int id = first; id <= last; id++) {
            byte[] value = identity.object(id).getBytes(StandardCharsets.US_ASCII);
            out.write(id);
            out.write(value.length);
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    private static void expectLength(byte[] pdu, int length) throws ModbusException {
        if (pdu.length != length) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "request length " + pdu.length + ", expected " + length);
        }
    }

    private static void checkQuantity(int count, int max) throws ModbusException {
        if (count < 1 || count > max) {
            throw new ModbusException(ILLEGAL_DATA_VALUE, "quantity " + count + " outside 1.." + max);
        }
    }

    private static void checkEnd(int start, int count) throws ModbusException {
        if (start + count > 0x10000) {
            throw new ModbusException(ILLEGAL_DATA_ADDRESS, "range passes address 65535");
        }
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }
}
