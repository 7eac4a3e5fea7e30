package org.cityedge.modbus.internal.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.modbus.internal.codec.PointDecoder;
import org.cityedge.modbus.internal.codec.PointEncoder;
import org.cityedge.modbus.internal.codec.RejectedValueException;
import org.cityedge.modbus.internal.wire.LinkException;

/**
 * A verified write: validated and encoded on the caller's thread, then queued on the device's bus ahead of routine
 * polls: write (FC 5 for a coil, FC 6 for one register, FC 16 for several; a bit of a bit field is read, changed and
 * written back), then read back. The result is ok only when the registers read back are the ones written.
 */
final class PointWriter {

    private PointWriter() {
    }

    static CompletableFuture<WriteResult> write(DevicePoller device, String pointName, Object value) {
        String id = device.device.id();
        Optional<PointDefinition> found = device.profile.point(pointName);
        if (found.isEmpty()) {
            return refused(id, pointName, value, "device " + id + " (" + device.profile.id() + ") has no point "
                    + pointName);
        }
        PointDefinition p = found.get();
        if (!p.writable()) {
            return refused(id, pointName, value, "point " + pointName + " of device " + id + " is read-only");
        }
        Operation operation;
        try {
            operation = operation(p, pointName, value);
        } catch (RejectedValueException e) {
            return refused(id, pointName, value, e.getMessage());
        }
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        device.line.submit(new BusLine.Job() {
            @Override
            public void run(BusLine.Slot slot) {
                result.complete(execute(device, slot, operation, pointName, value));
            }

            @Override
            public void abandon(String why) {
                result.complete(new WriteResult(id, pointName, value, null, false, "not written: " + why));
            }
        }, true);
        return result;
    }

    private static CompletableFuture<WriteResult> refused(String id, String point, Object value, String why) {
        return CompletableFuture.completedFuture(new WriteResult(id, point, value, null, false, why));
    }

    /** What to put on the wire, decided before queueing so bad input never reaches the bus. */
    private record Operation(PointDefinition point, int[] registers, boolean bit, int bitNumber) {
    }

    private static Operation operation(PointDefinition p, String pointName, Object value)
            throws RejectedValueException {
        if (p.table().isBits()) {
            return new Operation(p, null, PointEncoder.encodeBool(p, value), -1);
        }
        if (p.type() == DataType.BITFIELD) {
            if (pointName.equals(p.name())) {
                throw new RejectedValueException(p.name() + " is a bit field: write one of its bits "
                        + p.bits().values());
            }
            return new Operation(p, null, PointEncoder.encodeBool(p, value), PointEncoder.bitNumber(p, pointName));
        }
        return new Operation(p, PointEncoder.encodeRegisters(p, value), false, -1);
    }

    private static WriteResult execute(DevicePoller device, BusLine.Slot slot, Operation op, String pointName,
            Object value) {
        String id = device.device.id();
        PointDefinition p = op.point();
        int unit = device.device.unitId();
        int timeout = device.timeoutMs;
        int[] expected = op.registers();
        try {
            if (p.table() == RegisterTable.COIL) {
                transact(device, slot, link -> {
                    link.writeCoil(unit, p.address(), op.bit(), timeout);
                    return null;
                });
            } else if (op.bitNumber() >= 0) {
                int[] current = transact(device, slot,
                        link -> link.readRegisters(unit, RegisterTable.HOLDING, p.address(), 1, timeout));
                int changed = op.bit() ? current[0] | (1 << op.bitNumber()) : current[0] & ~(1 << op.bitNumber());
                expected = new int[] {changed & 0xFFFF};
                int register = expected[0];
                transact(device, slot, link -> {
                    link.writeRegister(unit, p.address(), register, timeout);
                    return null;
                });
            } else if (expected.length == 1) {
                int register = expected[0];
                transact(device, slot, link -> {
                    link.writeRegister(unit, p.address(), register, timeout);
                    return null;
                });
            } else {
                int[] registers = expected;
                transact(device, slot, link -> {
                    link.writeRegisters(unit, p.address(), registers, timeout);
                    return null;
                });
            }
        } catch (LinkException e) {
            return new WriteResult(id, pointName, value, null, false, "write failed: " + e.getMessage());
        }
        try {
            long now = System.currentTimeMillis();
            List<Sample> samples;
            boolean same;
            if (p.table() == RegisterTable.COIL) {
                boolean[] back = transact(device, slot,
                        link -> link.readBits(unit, RegisterTable.COIL, p.address(), 1, timeout));
                same = back[0] == op.bit();
                samples = PointDecoder.decode(id, p, null, back, now);
            } else {
                int[] back = transact(device, slot,
                        link -> link.readRegisters(unit, RegisterTable.HOLDING, p.address(), p.width(), timeout));
                same = Arrays.equals(back, expected);
                samples = PointDecoder.decode(id, p, back, null, now);
            }
            device.publishReadBack(samples);
            Object readBack = samples.stream().filter(s -> s.point().equals(pointName)).findFirst()
                    .map(Sample::value).orElse(null);
            return new WriteResult(id, pointName, value, readBack, same,
                    same ? null : "read back " + readBack + " instead of " + value);
        } catch (LinkException e) {
            return new WriteResult(id, pointName, value, null, false, "written, but the read-back failed: "
                    + e.getMessage());
        }
    }

    private static <T> T transact(DevicePoller device, BusLine.Slot slot, BusLine.Transaction<T> transaction)
            throws LinkException {
        long started = System.nanoTime();
        try {
            T result = device.line.transact(slot, device.timeoutMs, device.gapNanos, transaction);
            device.status.answered((System.nanoTime() - started) / 1000, System.currentTimeMillis());
            return result;
        } catch (LinkException e) {
            device.status.failed(e.counterKey());
            throw e;
        }
    }
}
