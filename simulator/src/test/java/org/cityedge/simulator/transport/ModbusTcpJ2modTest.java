package org.cityedge.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.SocketTimeoutException;

import org.cityedge.api.profile.RegisterTable;
import org.cityedge.simulator.Endpoint;
import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.Tools;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;

/** j2mod as an independent Modbus TCP master against the demo's environment bus. */
class ModbusTcpJ2modTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Tools.demoSite()).isolated();

    @AfterEach
    void clearFaults() {
        SIM.simulator().devices().forEach(d -> d.fault(Fault.none()));
    }

    private static ModbusTCPMaster connect(int timeoutMillis) throws Exception {
        Endpoint e = SIM.simulator().bus("env-tcp").endpoint();
        ModbusTCPMaster m = new ModbusTCPMaster(e.host(), e.port(), timeoutMillis, false, false);
        m.setRetries(1);
        m.connect();
        return m;
    }

    @Test
    void servedOnAFreePortNotTheSitesOne() {
        Endpoint e = SIM.simulator().bus("env-tcp").endpoint();
        assertThat(e.port()).isNotEqualTo(15020);
        assertThat(e.describe()).isEqualTo("Modbus TCP on 127.0.0.1:" + e.port());
    }

    @Test
    void inputRegistersHoldWhatTheModelHolds() throws Exception {
        SimulatedDevice aq = SIM.simulator().device("aq-001");
        aq.set("pm25", 12.3).set("no2", 45.6);
        ModbusTCPMaster m = connect(1000);
        try {
            InputRegister[] r = m.readInputRegisters(1, 100, 6);
            int[] expected = aq.registers(RegisterTable.INPUT, 100, 6);
            for (int i = 0; i < 6; i++) {
                assertThat(r[i].getValue()).as("input %d", 100 + i).isEqualTo(expected[i]);
            }
            assertThat(r[0].getValue()).isEqualTo(123);
            assertThat(r[3].getValue()).isEqualTo(456);
            assertThat(m.readInputRegisters(1, 0, 2)[0].getValue()).isEqualTo(0x4D06);   // signature
        } finally {
            m.disconnect();
            aq.release("pm25").release("no2");
        }
    }

    @Test
    void float32HoldingRegistersBigEndian() throws Exception {
        SIM.simulator().device("wq-001").set("pH", 7.25);
        ModbusTCPMaster m = connect(1000);
        try {
            Register[] r = m.readMultipleRegisters(2, 0, 2);
            assertThat(Float.intBitsToFloat(r[0].getValue() << 16 | r[1].getValue())).isEqualTo(7.25f);
        } finally {
            m.disconnect();
            SIM.simulator().device("wq-001").release("pH");
        }
    }

    @Test
    void writingACoilDrivesTheModel() throws Exception {
        ModbusTCPMaster m = connect(1000);
        try {
            m.writeCoil(2, 0, true);
            assertThat(SIM.simulator().device("wq-001").value("wiperActive")).isEqualTo(1);
            assertThat(m.readCoils(2, 0, 1).getBit(0)).isTrue();
        } finally {
            m.disconnect();
        }
    }

    @Test
    void anAbsentUnitGetsGatewayTargetFailed() throws Exception {
        ModbusTCPMaster m = connect(1000);
        try {
            assertThatThrownBy(() -> m.readMultipleRegisters(9, 0, 1))
                    .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(0x0B));
        } finally {
            m.disconnect();
        }
    }

    @Test
    void outsideTheMapIsAnIllegalAddress() throws Exception {
        ModbusTCPMaster m = connect(1000);
        try {
            assertThatThrownBy(() -> m.readInputRegisters(1, 500, 1))
                    .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));
        } finally {
            m.disconnect();
        }
    }

    @Test
    void faultsAsAMasterSeesThem() throws Exception {
        SimulatedDevice wl = SIM.simulator().device("wl-001");

        wl.fault(Fault.noAnswer());
        assertThat(readFails(300)).as("no-answer").isInstanceOf(ModbusException.class)
                .isNotInstanceOf(ModbusSlaveException.class);

        wl.fault(Fault.exception(6));
        assertThat(readFails(1000)).as("exception")
                .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(6));

        wl.fault(Fault.truncated());
        assertThat(readFails(300)).as("truncated").isInstanceOf(ModbusException.class);

        wl.fault(Fault.slow(300));
        long t0 = System.nanoTime();
        assertThat(readFails(2000)).as("slow still answers").isNull();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(300_000_000L);

        wl.fault(Fault.intermittent(0.5));
        assertThat(answeredOf(16)).as("intermittent 0.5 over 16 requests (seeded)").isBetween(1, 15);

        wl.fault(Fault.none());
        assertThat(readFails(1000)).as("none restores answers").isNull();
    }

    /**
     * Sends {@code n} reads of wl-001 on one raw connection and counts the replies. j2mod retries and backs off for
     * seconds after a timeout, which would hide how often the device answers.
     */
    private static int answeredOf(int n) throws Exception {
        Endpoint e = SIM.simulator().bus("env-tcp").endpoint();
        int answered = 0;
        try (Socket s = new Socket(e.host(), e.port())) {
            s.setSoTimeout(150);
            for (int tid = 1; tid <= n; tid++) {
                s.getOutputStream().write(new byte[] {0, (byte) tid, 0, 0, 0, 6, 3, 4, 0, 10, 0, 2});
                try {
                    byte[] reply = s.getInputStream().readNBytes(13);
                    assertThat(reply[1]).as("reply to its own request").isEqualTo((byte) tid);
                    answered++;
                } catch (SocketTimeoutException timeout) {
                    // not answered this time
                }
            }
        }
        return answered;
    }

    /** One read of wl-001 on a fresh connection: the exception it failed with, or null when it succeeded. */
    private static Exception readFails(int timeoutMillis) throws Exception {
        ModbusTCPMaster m = connect(timeoutMillis);
        try {
            m.readInputRegisters(3, 10, 2);
            return null;
        } catch (ModbusException e) {
            return e;
        } finally {
            m.disconnect();
        }
    }
}
