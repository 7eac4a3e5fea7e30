package org.cityedge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

/** The command line, run in-process on a copy of the demo site with free ports and a private pty directory. */
class MainTest {

    static {
        Tools.require("socat", "apt-get install socat");
    }

    @Test
    void servesTheSiteUntilTheDurationEnds(@TempDir Path tmp) throws Exception {
        int tcp = Tools.freePort();
        int rtuTcp = Tools.freePort();
        Path pty = tmp.resolve("rs485-1");
        String yaml = Files.readString(Tools.demoSite()).replace("/tmp/cityedge-demo/rs485-1", pty.toString())
                .replace("15020", String.valueOf(tcp)).replace("15021", String.valueOf(rtuTcp));
        Path site = Files.writeString(tmp.resolve("site.yaml"), yaml);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), "--site", site.toString(), "--duration", "4s",
                    "--seed", "7", "--turnaround-ms", "3"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!out.toString(StandardCharsets.UTF_8).contains("simulator ready") && System.nanoTime() < deadline
                    && !exit.isDone()) {
                Thread.sleep(50);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).as(err.toString(StandardCharsets.UTF_8)).contains(
                    "bus rs485-1: RTU 9600 8E1 on " + pty,
                    "bus env-tcp: Modbus TCP on 127.0.0.1:" + tcp,
                    "bus legacy-rtu-tcp: RTU over TCP (9600 8N1 line) on 127.0.0.1:" + rtuTcp,
                    "simulator ready");
            assertThat(Files.isSymbolicLink(pty)).isTrue();

            ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", tcp, 1000, false, false);
            m.connect();
            try {
                assertThat(m.readInputRegisters(3, 0, 1)[0].getValue()).isEqualTo(0x0572);
            } finally {
                m.disconnect();
            }

            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("simulator stopped");
            assertThat(Files.exists(pty, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("socat gone with its link")
                    .isFalse();
        } finally {
            runner.shutdownNow();
            runner.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMissingSiteFileIsAClearError(@TempDir Path tmp) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                "--site", tmp.resolve("nope.yaml").toString(), "--duration", "1s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("gives no bus to simulate");
    }

    @Test
    void badArgumentsAndHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.run(new PrintStream(out, true), new PrintStream(err, true), "--help")).isZero();
        assertThat(out.toString()).contains("--site", "--profiles", "--turnaround-ms", "--seed", "--control-port",
                "--duration");
        assertThat(Main.run(new PrintStream(out, true), new PrintStream(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--site=FILE'");
    }
}
