package org.cityedge.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.simulator.Fault;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.TestProfiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The control socket, through a real TCP connection, against a site built in code. */
class ControlSocketTest {

    private static Simulator sim;
    private static ControlServer control;

    @BeforeAll
    static void start() throws Exception {
        Site site = new Site("test", "gw-1", null, "UTC",
                List.of(new BusDefinition("tcp-1", BusType.TCP, null, 0, null, 0, "127.0.0.1", 0, 0, 1)),
                List.of(new DeviceDefinition("lamp-1", null, "tcp-1", 1, "test-lamp", null, null),
                        new DeviceDefinition("gauge-1", null, "tcp-1", 2, "test-gauge", null, null)));
        sim = Simulator.builder().build().start(site,
                Map.of("test-lamp", TestProfiles.lamp(), "test-gauge", TestProfiles.gauge()));
        control = new ControlServer(sim, 0);
    }

    @AfterAll
    static void stop() {
        control.close();
        sim.stop();
    }

    private static List<String> talk(String... lines) throws Exception {
        try (Socket s = new Socket("127.0.0.1", control.address().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            List<String> replies = new java.util.ArrayList<>();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                replies.add(in.readLine());
            }
            return replies;
        }
    }

    @Test
    void faultsSwitchWhileRunning() throws Exception {
        assertThat(talk("fault lamp-1 slow 200", "fault lamp-1", "fault lamp-1 intermittent 0.5",
                "fault lamp-1 exception 4", "fault lamp-1 corrupt-crc", "fault lamp-1 truncated",
                "fault lamp-1 no-answer", "fault lamp-1 none")).containsExactly(
                "ok lamp-1 fault slow 200", "ok lamp-1 fault slow 200", "ok lamp-1 fault intermittent 0.5",
                "ok lamp-1 fault exception 4", "ok lamp-1 fault corrupt-crc", "ok lamp-1 fault truncated",
                "ok lamp-1 fault no-answer", "ok lamp-1 fault none");
        assertThat(sim.device("lamp-1").fault()).isEqualTo(Fault.none());
    }

    @Test
    void getSetAndLampFailure() throws Exception {
        assertThat(talk("set lamp-1 dimLevel 50", "get lamp-1 activePower", "lamp-fail lamp-1 on",
                "get lamp-1 activePower", "get lamp-1 lampFailure", "lamp-fail lamp-1 off", "set lamp-1 dimLevel 100"))
                .containsExactly("ok lamp-1 dimLevel 50", "ok 60", "ok lamp-1 lamp-fail on", "ok 0", "ok 1",
                        "ok lamp-1 lamp-fail off", "ok lamp-1 dimLevel 100");
        assertThat(talk("set gauge-1 rainRate 12.5", "get gauge-1 rainRate", "set gauge-1 rainRate auto"))
                .containsExactly("ok gauge-1 rainRate 12.5", "ok 12.5", "ok gauge-1 rainRate auto");
    }

    @Test
    void statsAndListings() throws Exception {
        List<String> r = talk("stats", "stats lamp-1", "devices", "points gauge-1", "endpoints", "help",
                "advance 1h");
        assertThat(r.get(0)).startsWith("ok bus tcp-1 frames=");
        assertThat(r.get(1)).startsWith("ok lamp-1 requests=");
        assertThat(r.get(2)).isEqualTo("ok lamp-1 gauge-1");
        assertThat(r.get(3)).isEqualTo("ok currentLevel rainRate precipitation precipitationReset");
        assertThat(r.get(4)).startsWith("ok bus tcp-1: Modbus TCP on 127.0.0.1:");
        assertThat(r.get(5)).startsWith("ok commands:");
        assertThat(r.get(6)).startsWith("ok now ");
    }

    @Test
    void badCommandsGetAnErrorAndNothingBreaks() throws Exception {
        List<String> r = talk("frobnicate", "fault nobody none", "fault lamp-1 sideways", "fault lamp-1 slow fast",
                "fault lamp-1 intermittent 2", "get lamp-1 nothing", "set lamp-1 dimLevel 500",
                "set lamp-1 dimLevel bright", "lamp-fail gauge-1 on", "lamp-fail lamp-1 maybe", "get lamp-1",
                "advance soon", "x".repeat(5000), "get lamp-1 dimLevel");
        assertThat(r.subList(0, r.size() - 1)).allSatisfy(line -> assertThat(line).startsWith("error "));
        assertThat(r.get(r.size() - 1)).isEqualTo("ok 100");
        assertThat(r.get(1)).isEqualTo("error no simulated device nobody");
    }

    @Test
    void quitClosesOnlyThatConnection() throws Exception {
        assertThat(talk("quit")).containsExactly("ok bye");
        assertThat(talk("devices")).containsExactly("ok lamp-1 gauge-1");
    }
}
