package org.cityedge.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.cityedge.simulator.Fault;
import org.cityedge.simulator.RtuMaster;
import org.cityedge.simulator.SimulatedBus;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.Tools;
import org.cityedge.simulator.Transaction;
import org.cityedge.simulator.WireTiming;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fazecast.jSerialComm.SerialPort;

/** The demo's RS-485 bus on a socat pty, driven through jSerialComm as the gateway drives it. */
class SerialRtuTest {

    static {
        Tools.require("socat", "apt-get install socat");
    }

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Tools.demoSite()).isolated();

    private static RtuMaster master;

    @BeforeAll
    static void open() {
        master = new RtuMaster(SIM.simulator().bus("rs485-1").endpoint().path(), 9600, SerialPort.EVEN_PARITY);
    }

    @AfterAll
    static void close() {
        master.close();
    }

    @AfterEach
    void clearFaults() {
        SIM.simulator().devices().forEach(d -> d.fault(Fault.none()));
    }

    private static Simulator sim() {
        return SIM.simulator();
    }

    @Test
    void thePtyLinkIsWhereTheSiteSaysAndSocatRuns() {
        SimulatedBus bus = sim().bus("rs485-1");
        assertThat(bus.endpoint().describe()).isEqualTo("RTU 9600 8E1 on " + bus.endpoint().path());
        assertThat(Files.isSymbolicLink(bus.endpoint().path())).isTrue();
        assertThat(bus.endpoint().path().toString()).isEqualTo(bus.definition().port());
    }

    @Test
    void writingDimLevelOverTheWireChangesActivePower() {
        assertThat(master.request(3, "06 0000 001E", 1000).pdu()).isEqualTo(HexFormat.of().parseHex("060000001e"));
        RtuMaster.Reply power = master.request(3, "04 000C 0001", 1000);
        assertThat(power.crcOk()).isTrue();
        assertThat(power.pdu()).isEqualTo(HexFormat.of().parseHex("04020168"));   // 36.0 W = 360 = 0x0168
        assertThat(sim().device("sl-003").value("activePower")).isEqualTo(36.0);
    }

    @Test
    void aTransactionTakesAtLeastItsWireTime() {
        for (int i = 0; i < 5; i++) {
            RtuMaster.Reply r = master.request(1, "03 0000 0001", 1000);
            assertThat(r.crcOk()).as(r.toString()).isTrue();
            Transaction t = sim().bus("rs485-1").lastTransaction().orElseThrow();
            WireTiming timing = t.timing();
            // 9600 8E1: 11 bits a character; 8-byte request, 7-byte reply, 3.5 characters, 5 ms turnaround.
            double ch = 11 * 1e9 / 9600;
            assertThat((double) timing.boundNanos()).isCloseTo((8 + 3.5 + 7) * ch + 5e6, within(10.0));
            assertThat(t.measuredNanos()).isGreaterThanOrEqualTo(timing.boundNanos());
            assertThat(r.elapsedNanos()).as("measured by the master").isGreaterThanOrEqualTo(timing.boundNanos());
            System.out.printf("wire time 9600 8E1 read 1 register: bound %.3f ms, simulator %.3f ms, master %.3f ms%n",
                    timing.boundNanos() / 1e6, t.measuredNanos() / 1e6, r.elapsedNanos() / 1e6);
        }
    }

    @Test
    void aLongerReplyTakesLonger() {
        RtuMaster.Reply r = master.request(10, "04 0000 000C", 1000);   // cabinet: 12 registers of float32
        assertThat(r.crcOk()).isTrue();
        WireTiming timing = sim().bus("rs485-1").lastTransaction().orElseThrow().timing();
        assertThat(timing.replyBytes()).isEqualTo(5 + 24);
        assertThat(r.elapsedNanos()).isGreaterThanOrEqualTo(timing.boundNanos());
        System.out.printf("wire time 9600 8E1 read 12 registers: bound %.3f ms, master %.3f ms%n",
                timing.boundNanos() / 1e6, r.elapsedNanos() / 1e6);
    }

    @Test
    void anAbsentUnitStaysSilent() {
        long before = sim().bus("rs485-1").counters().unknownUnits();
        assertThat(master.request(77, "03 0000 0001", 300).timedOut()).isTrue();
        assertThat(sim().bus("rs485-1").counters().unknownUnits()).isEqualTo(before + 1);
    }

    @Test
    void aBadCrcIsCountedAndNotAnswered() {
        long before = sim().bus("rs485-1").counters().crcErrors();
        byte[] bad = HexFormat.of().parseHex("010300000001840B");
        assertThat(master.raw(bad, 300).timedOut()).isTrue();
        assertThat(sim().bus("rs485-1").counters().crcErrors()).isEqualTo(before + 1);
        assertThat(master.request(1, "03 0000 0001", 1000).crcOk()).as("the next good frame is answered").isTrue();
    }

    @Test
    void exceptionRepliesForBadRequests() {
        assertThat(master.request(1, "04 0064 0001", 1000).pdu()).isEqualTo(new byte[] {(byte) 0x84, 2});
        assertThat(master.request(1, "03 0000 0021", 1000).pdu()).isEqualTo(new byte[] {(byte) 0x83, 3});
        assertThat(master.request(1, "06 0000 00C8", 1000).pdu()).isEqualTo(new byte[] {(byte) 0x86, 3});
        assertThat(master.request(1, "41 0000", 1000).pdu()).isEqualTo(new byte[] {(byte) 0xC1, 1});
    }

    @Test
    void deviceIdentification() {
        RtuMaster.Reply r = master.request(5, "2B 0E 01 00", 1000);
        assertThat(r.crcOk()).isTrue();
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).contains("Saigon Lighting Controls", "SLC-110");
    }

    @Test
    void aBroadcastWriteReachesEveryLampWithoutReply() {
        assertThat(master.request(0, "06 0000 0014", 300).timedOut()).isTrue();
        assertThat(sim().device("sl-001").value("dimLevel")).isEqualTo(20);
        assertThat(sim().device("sl-008").value("dimLevel")).isEqualTo(20);
        master.request(0, "06 0000 0064", 300);
    }

    @Test
    void noAnswerTimesOutAndNoneRestores() {
        sim().device("sl-002").fault(Fault.noAnswer());
        assertThat(master.request(2, "03 0000 0001", 300).timedOut()).isTrue();
        sim().device("sl-002").fault(Fault.none());
        assertThat(master.request(2, "03 0000 0001", 1000).crcOk()).isTrue();
    }

    @Test
    void exceptionFault() {
        sim().device("sl-002").fault(Fault.exception(4));
        assertThat(master.request(2, "03 0000 0001", 1000).pdu()).isEqualTo(new byte[] {(byte) 0x83, 4});
    }

    @Test
    void corruptCrcFault() {
        sim().device("sl-002").fault(Fault.corruptCrc());
        RtuMaster.Reply r = master.request(2, "03 0000 0001", 1000);
        assertThat(r.bytes()).hasSize(7);
        assertThat(r.crcOk()).isFalse();
        sim().device("sl-002").fault(Fault.none());
        assertThat(master.request(2, "03 0000 0001", 1000).crcOk()).isTrue();
    }

    @Test
    void truncatedFault() {
        sim().device("sl-002").fault(Fault.truncated());
        RtuMaster.Reply r = master.request(2, "03 0000 0001", 1000);
        assertThat(r.bytes()).hasSizeBetween(1, 6);
        assertThat(r.crcOk()).isFalse();
    }

    @Test
    void slowFaultAddsItsDelayToTheWireTime() {
        sim().device("sl-002").fault(Fault.slow(200));
        RtuMaster.Reply r = master.request(2, "03 0000 0001", 2000);
        WireTiming timing = sim().bus("rs485-1").lastTransaction().orElseThrow().timing();
        assertThat(timing.extraNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(r.elapsedNanos()).isGreaterThanOrEqualTo(timing.boundNanos() + timing.extraNanos());
    }

    @Test
    void intermittentFaultAnswersSometimes() {
        sim().device("sl-002").fault(Fault.intermittent(0.5));
        int answered = 0;
        for (int i = 0; i < 16; i++) {
            if (!master.request(2, "03 0000 0001", 150).timedOut()) {
                answered++;
            }
        }
        assertThat(answered).isBetween(1, 15);
    }
}
