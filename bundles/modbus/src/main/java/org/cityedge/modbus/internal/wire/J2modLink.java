package org.cityedge.modbus.internal.wire;

import java.util.Locale;

import org.cityedge.api.profile.RegisterTable;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.msg.ExceptionResponse;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMEIRequest;
import com.ghgande.j2mod.modbus.msg.ReadMEIResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleCoilsRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

/** Builds j2mod requests, runs them through a subclass's transaction and turns replies and failures into ours. */
abstract class J2modLink implements ModbusLink {

    /** Read device id code 1: the basic objects as a stream. */
    private static final int BASIC_IDENTIFICATION = 1;
    private static final int VENDOR_NAME = 0x00;
    private static final int PRODUCT_CODE = 0x01;

    /** Runs one request as one transaction with j2mod's retries off; throws j2mod's exceptions unchanged. */
    protected abstract ModbusResponse execute(ModbusRequest request, int timeoutMs) throws ModbusException;

    /** Turns a j2mod failure into a classified one, given how long the transaction waited. */
    protected abstract LinkException classify(Exception failure, long elapsedNanos, int timeoutMs);

    /** Called after a failure that may leave a reply in flight, so the next transaction cannot read it. */
    protected abstract void afterFailure(ErrorKind kind);

    @Override
    public int[] readRegisters(int unitId, RegisterTable table, int start, int count, int timeoutMs)
            throws LinkException {
        ModbusRequest request = table == RegisterTable.HOLDING ? new ReadMultipleRegistersRequest(start, count)
                : new ReadInputRegistersRequest(start, count);
        ModbusResponse response = run(unitId, request, timeoutMs);
        int[] registers = new int[count];
        if (response instanceof ReadMultipleRegistersResponse holding && holding.getWordCount() >= count) {
            for (int i = 0; i < count; i++) {
                registers[i] = holding.getRegisterValue(i);
            }
        } else if (response instanceof ReadInputRegistersResponse input && input.getWordCount() >= count) {
            for (int i = 0; i < count; i++) {
                registers[i] = input.getRegisterValue(i);
            }
        } else {
            throw new LinkException(ErrorKind.DECODE, "reply does not hold " + count + " registers");
        }
        return registers;
    }

    @Override
    public boolean[] readBits(int unitId, RegisterTable table, int start, int count, int timeoutMs)
            throws LinkException {
        ModbusRequest request = table == RegisterTable.COIL ? new ReadCoilsRequest(start, count)
                : new ReadInputDiscretesRequest(start, count);
        ModbusResponse response = run(unitId, request, timeoutMs);
        BitVector bits;
        if (response instanceof ReadCoilsResponse coils) {
            bits = coils.getCoils();
        } else if (response instanceof ReadInputDiscretesResponse discretes) {
            bits = discretes.getDiscretes();
        } else {
            bits = null;
        }
        if (bits == null || bits.size() < count) {
            throw new LinkException(ErrorKind.DECODE, "reply does not hold " + count + " bits");
        }
        boolean[] values = new boolean[count];
        for (int i = 0; i < count; i++) {
            values[i] = bits.getBit(i);
        }
        return values;
    }

    @Override
    public void writeCoil(int unitId, int address, boolean on, int timeoutMs) throws LinkException {
        run(unitId, new WriteCoilRequest(address, on), timeoutMs);
    }

    @Override
    public void writeCoils(int unitId, int address, boolean[] values, int timeoutMs) throws LinkException {
        BitVector bits = new BitVector(values.length);
        for (int i = 0; i < values.length; i++) {
            bits.setBit(i, values[i]);
        }
        run(unitId, new WriteMultipleCoilsRequest(address, bits), timeoutMs);
    }

    @Override
    public void writeRegister(int unitId, int address, int value, int timeoutMs) throws LinkException {
        run(unitId, new WriteSingleRegisterRequest(address, new SimpleRegister(value)), timeoutMs);
    }

    @Override
    public void writeRegisters(int unitId, int address, int[] values, int timeoutMs) throws LinkException {
        Register[] registers = new Register[values.length];
        for (int i = 0; i < values.length; i++) {
            registers[i] = new SimpleRegister(values[i]);
        }
        run(unitId, new WriteMultipleRegistersRequest(address, registers), timeoutMs);
    }

    @Override
    public DeviceIdentity readDeviceIdentification(int unitId, int timeoutMs) throws LinkException {
        ModbusResponse response = run(unitId, new ReadMEIRequest(BASIC_IDENTIFICATION, VENDOR_NAME), timeoutMs);
        if (!(response instanceof ReadMEIResponse mei)) {
            throw new LinkException(ErrorKind.DECODE, "reply is not a device identification");
        }
        String vendor = null;
        String product = null;
        for (int i = 0; i < mei.getFieldCount(); i++) {
            switch (mei.getFieldId(i)) {
                case VENDOR_NAME -> vendor = mei.getField(i);
                case PRODUCT_CODE -> product = mei.getField(i);
                default -> { } // revision and beyond: not used to recognise a model
            }
        }
        return new DeviceIdentity(vendor, product);
    }

    private ModbusResponse run(int unitId, ModbusRequest request, int timeoutMs) throws LinkException {
        request.setUnitID(unitId);
        long started = System.nanoTime();
        ModbusResponse response;
        try {
            response = execute(request, timeoutMs);
        } catch (ModbusSlaveException e) {
            throw LinkException.exceptionReply(e.getType());
        } catch (Exception e) {
            // j2mod also fails with runtime exceptions (closed port, short frame): every failure is a failed transaction
            LinkException failure = classify(e, System.nanoTime() - started, timeoutMs);
            afterFailure(failure.kind());
            throw failure;
        }
        if (response instanceof ExceptionResponse exception) {
            throw LinkException.exceptionReply(exception.getExceptionCode());
        }
        if (response == null) {
            afterFailure(ErrorKind.DECODE);
            throw new LinkException(ErrorKind.DECODE, "no reply object");
        }
        return response;
    }

    /** The failure's message in lower case, for classification; never null. */
    protected static String text(Exception failure) {
        String m = failure.getMessage();
        return m == null ? failure.getClass().getSimpleName().toLowerCase(Locale.ROOT) : m.toLowerCase(Locale.ROOT);
    }

    /** A short message for logs and sample reasons. */
    protected static String brief(Exception failure) {
        String m = failure.getMessage();
        return m == null ? failure.getClass().getSimpleName() : m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
