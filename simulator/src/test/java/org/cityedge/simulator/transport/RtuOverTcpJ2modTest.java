package org.cityedge.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cityedge.simulator.Endpoint;
import org.cityedge.simulator.Tools;
import org.cityedge.simulator.Transaction;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;

/** j2mod in RTU-over-TCP mode against the demo's legacy weather logger behind a serial device server. */
class RtuOverTcpJ2modTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Tools.demoSite()).isolated();

    private static ModbusTCPMaster master;

    @BeforeAll
    static void connect() throws Exception {
        Endpoint e = SIM.simulator().bus("legacy-rtu-tcp").endpoint();
        master = new ModbusTCPMaster(e.host(), e.port(), 1500, false, true);
        master.setRetries(1);
        master.connect();
    }

    @AfterAll
    static void disconnect() {
        master.disconnect();
    }

    @Test
    void floatWithSwappedWordsAndCounterLowWordFirst() throws Exception {
        SIM.simulator().device("wx-001").set("windSpeed", 4.5).set("precipitation", 12.4);
        try {
            Register[] wind = master.readMultipleRegisters(1, 10, 2);
            assertThat(Float.intBitsToFloat(wind[1].getValue() << 16 | wind[0].getValue())).isEqualTo(4.5f);
            Register[] rain = master.readMultipleRegisters(1, 20, 2);
            assertThat(rain[1].getValue() << 16 | rain[0].getValue()).isEqualTo(62);   // 12.4 mm / 0.2 mm a tip
        } finally {
            SIM.simulator().device("wx-001").release("windSpeed").release("precipitation");
        }
    }

    @Test
    void forbiddenBlockAndReadLimit() {
        assertThatThrownBy(() -> master.readMultipleRegisters(1, 16, 1))
                .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));
        assertThatThrownBy(() -> master.readMultipleRegisters(1, 0, 9))
                .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(3));
    }

    @Test
    void repliesWaitOutTheLineBehindTheServer() throws Exception {
        long t0 = System.nanoTime();
        master.readMultipleRegisters(1, 10, 4);
        long elapsed = System.nanoTime() - t0;
        Transaction t = SIM.simulator().bus("legacy-rtu-tcp").lastTransaction().orElseThrow();
        assertThat(t.timing().baud()).isEqualTo(9600);
        assertThat(t.timing().bitsPerCharacter()).isEqualTo(10);
        assertThat(t.measuredNanos()).isGreaterThanOrEqualTo(t.timing().boundNanos());
        assertThat(elapsed).isGreaterThanOrEqualTo(t.timing().boundNanos());
        System.out.printf("wire time RTU over TCP 9600 8N1 read 4 registers: bound %.3f ms, master %.3f ms%n",
                t.timing().boundNanos() / 1e6, elapsed / 1e6);
    }
}
