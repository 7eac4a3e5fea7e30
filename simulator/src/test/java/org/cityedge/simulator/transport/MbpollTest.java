package org.cityedge.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityedge.simulator.Endpoint;
import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.Tools;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** mbpoll (libmodbus) as an independent master, over TCP and over the pty. */
class MbpollTest {

    private static final String MBPOLL = Tools.require("mbpoll", "apt-get install mbpoll");
    private static final Pattern VALUE = Pattern.compile("^\\[(\\d+)\\]:\\s+(\\S+)", Pattern.MULTILINE);

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Tools.demoSite()).isolated();

    /** mbpoll's printed values by its (1-based) reference. */
    private static Map<Integer, String> values(String output) {
        Map<Integer, String> v = new LinkedHashMap<>();
        Matcher m = VALUE.matcher(output);
        while (m.find()) {
            v.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return v;
    }

    private static Tools.Result tcp(String... args) throws Exception {
        Endpoint e = SIM.simulator().bus("env-tcp").endpoint();
        List<String> cmd = new java.util.ArrayList<>(List.of(MBPOLL, "-m", "tcp", "-p", String.valueOf(e.port())));
        cmd.addAll(List.of(args));
        cmd.add("-1");
        cmd.add(e.host());
        return Tools.run(cmd, Duration.ofSeconds(20));
    }

    private static Tools.Result rtu(String... args) throws Exception {
        return rtuWrite(List.of(args));
    }

    /** mbpoll over the pty; write values, if any, follow the device path (mbpoll's syntax). */
    private static Tools.Result rtuWrite(List<String> args, String... writeValues) throws Exception {
        Endpoint e = SIM.simulator().bus("rs485-1").endpoint();
        List<String> cmd = new java.util.ArrayList<>(List.of(MBPOLL, "-m", "rtu", "-b", "9600", "-P", "even", "-1"));
        cmd.addAll(args);
        cmd.add(e.path().toString());
        cmd.addAll(List.of(writeValues));
        return Tools.run(cmd, Duration.ofSeconds(20));
    }

    @Test
    void tcpInputRegistersEqualTheModel() throws Exception {
        SimulatedDevice aq = SIM.simulator().device("aq-001");
        aq.set("pm25", 21.7).set("pm10", 48.2).set("co", 950).set("no2", 33.3).set("so2", 7.5).set("o3", 61.1);
        try {
            Tools.Result r = tcp("-a", "1", "-t", "3", "-r", "101", "-c", "6");
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(values(r.out())).containsExactly(Map.entry(101, "217"), Map.entry(102, "482"),
                    Map.entry(103, "950"), Map.entry(104, "333"), Map.entry(105, "75"), Map.entry(106, "611"));
        } finally {
            List.of("pm25", "pm10", "co", "no2", "so2", "o3").forEach(aq::release);
        }
    }

    @Test
    void tcpFloatEqualsTheModel() throws Exception {
        SIM.simulator().device("wq-001").set("conductivity", 512.5);
        try {
            Tools.Result r = tcp("-a", "2", "-t", "4:float", "-B", "-r", "7", "-c", "1");
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(values(r.out())).containsEntry(7, "512.5");
        } finally {
            SIM.simulator().device("wq-001").release("conductivity");
        }
    }

    @Test
    void tcpAbsentUnit() throws Exception {
        Tools.Result r = tcp("-a", "9", "-t", "4", "-r", "1", "-c", "1");
        assertThat(r.all()).contains("Target device failed to respond");
    }

    @Test
    void rtuOverThePtyEqualsTheModel() throws Exception {
        SimulatedDevice lamp = SIM.simulator().device("sl-002");
        lamp.set("dimLevel", 70);
        Tools.Result holding = rtu("-a", "2", "-t", "4", "-r", "1", "-c", "1");
        assertThat(holding.exit()).as(holding.all()).isZero();
        assertThat(values(holding.out())).containsExactly(Map.entry(1, "70"));

        Tools.Result power = rtu("-a", "2", "-t", "3", "-r", "13", "-c", "2");   // activePower, powerFactor
        assertThat(power.exit()).as(power.all()).isZero();
        assertThat(values(power.out())).containsExactly(
                Map.entry(13, String.valueOf(Math.round(lamp.value("activePower") * 10))),
                Map.entry(14, String.valueOf(Math.round(lamp.value("powerFactor") * 1000))));
        assertThat(values(power.out())).containsEntry(13, "840");
    }

    @Test
    void rtuWriteThroughMbpollDrivesTheModel() throws Exception {
        Tools.Result w = rtuWrite(List.of("-a", "4", "-t", "4", "-r", "1"), "25");
        assertThat(w.exit()).as(w.all()).isZero();
        assertThat(SIM.simulator().device("sl-004").value("activePower")).isEqualTo(30);
    }

    @Test
    void rtuFaultsAsMbpollReportsThem() throws Exception {
        SimulatedDevice lamp = SIM.simulator().device("sl-006");
        try {
            lamp.fault(Fault.exception(4));
            assertThat(rtu("-a", "6", "-t", "3", "-r", "11", "-c", "1").all())
                    .contains("Slave device or server failure");
            lamp.fault(Fault.corruptCrc());
            assertThat(rtu("-a", "6", "-t", "3", "-r", "11", "-c", "1").all()).contains("Invalid CRC");
            lamp.fault(Fault.noAnswer());
            assertThat(rtu("-a", "6", "-t", "3", "-r", "11", "-c", "1", "-o", "0.3").all()).contains("timed out");
            lamp.fault(Fault.none());
            Tools.Result ok = rtu("-a", "6", "-t", "3", "-r", "11", "-c", "1");
            assertThat(ok.exit()).as(ok.all()).isZero();
            assertThat(values(ok.out())).containsKey(11);
        } finally {
            lamp.fault(Fault.none());
        }
    }
}
