package org.cityedge.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cityedge.simulator.Endpoint;
import org.cityedge.simulator.Tools;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** pymodbus 3.0 (under /usr/bin/python3, where it is installed) as a Modbus TCP master. */
class PymodbusTest {

    private static final String PYTHON = Tools.require("/usr/bin/python3", "apt-get install python3-pymodbus");

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Tools.demoSite()).isolated();

    private static final String SCRIPT = """
            import sys
            from pymodbus.client import ModbusTcpClient
            from pymodbus.mei_message import ReadDeviceInformationRequest
            client = ModbusTcpClient(sys.argv[1], port=int(sys.argv[2]), timeout=2)
            if not client.connect():
                sys.exit("cannot connect")
            rr = client.read_holding_registers(100, 1, slave=2)
            print("signature", rr.registers[0])
            rr = client.read_input_registers(121, 1, slave=1)
            print("humidity", rr.registers[0])
            info = client.execute(ReadDeviceInformationRequest(read_code=1, object_id=0, unit=1))
            for k, v in sorted(info.information.items()):
                print("object", k, v.decode("ascii"))
            client.close()
            """;

    @Test
    void readsRegistersAndDeviceIdentification(@TempDir Path tmp) throws Exception {
        Path script = Files.writeString(tmp.resolve("client.py"), SCRIPT);
        SIM.simulator().device("aq-001").set("relativeHumidity", 81.4);
        Endpoint e = SIM.simulator().bus("env-tcp").endpoint();
        Tools.Result r = Tools.run(List.of(PYTHON, script.toString(), e.host(), String.valueOf(e.port())),
                Duration.ofSeconds(30));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("signature " + 0x5751, "humidity 814", "object 0 Mekong Environmental",
                "object 1 AQM-6", "object 2 1.0");
    }
}
