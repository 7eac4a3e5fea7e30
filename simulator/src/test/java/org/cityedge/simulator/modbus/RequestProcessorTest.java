package org.cityedge.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.cityedge.simulator.TestProfiles;
import org.cityedge.simulator.model.DeviceModel;
import org.junit.jupiter.api.Test;

class RequestProcessorTest {

    private final DeviceModel lamp = new DeviceModel(TestProfiles.lamp(), 7, ZoneOffset.UTC,
            Instant.parse("2026-11-23T20:00:00Z"));

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private byte[] process(String pdu) {
        return RequestProcessor.process(hex(pdu), lamp);
    }

    @Test
    void readsHoldingAndInputRegisters() {
        assertThat(process("03 0000 0001")).isEqualTo(hex("03 02 0064"));   // dimLevel 100
        assertThat(process("04 0000 0001")).isEqualTo(hex("04 02 1234"));   // signature
        assertThat(process("04 000C 0001")).isEqualTo(hex("04 02 04B0"));   // 120.0 W, scale 0.1
    }

    @Test
    void readsCoilsPackedLowBitFirst() {
        assertThat(process("01 0000 0001")).isEqualTo(hex("01 01 01"));
    }

    @Test
    void writesEchoAndChangeTheModel() {
        assertThat(process("06 0000 0032")).isEqualTo(hex("06 0000 0032"));
        assertThat(lamp.value("dimLevel")).isEqualTo(50);
        assertThat(process("10 0000 0001 02 0019")).isEqualTo(hex("10 0000 0001"));
        assertThat(lamp.value("dimLevel")).isEqualTo(25);
        assertThat(process("05 0000 0000")).isEqualTo(hex("05 0000 0000"));
        assertThat(lamp.value("powerState")).isZero();
        assertThat(process("0F 0000 0001 01 01")).isEqualTo(hex("0F 0000 0001"));
        assertThat(lamp.value("powerState")).isEqualTo(1);
    }

    @Test
    void illegalFunction() {
        assertThat(process("07")).isEqualTo(hex("87 01"));
        assertThat(process("41 0000")).isEqualTo(hex("C1 01"));
    }

    @Test
    void illegalAddressOutsideTheMapOrForbidden() {
        assertThat(process("04 002A 0001")).isEqualTo(hex("84 02"));      // input table ends at 41
        assertThat(process("03 0001 0001")).isEqualTo(hex("83 02"));      // holding table is one register
        assertThat(process("04 0028 0001")).isEqualTo(hex("84 02"));      // 40 is forbidden
        assertThat(process("04 0026 0003")).isEqualTo(hex("84 02"));      // 38..40 touches it
        assertThat(process("06 0001 0001")).isEqualTo(hex("86 02"));      // not a point
        assertThat(process("05 0001 FF00")).isEqualTo(hex("85 02"));
    }

    @Test
    void writingAReadOnlyTableIsAnIllegalAddress() {
        // Coils and holding registers are the only writable tables; an input point is not writable.
        assertThat(process("10 000C 0001 02 0000")).isEqualTo(hex("90 02"));
    }

    @Test
    void illegalValue() {
        assertThat(process("03 0000 0000")).isEqualTo(hex("83 03"));       // quantity 0
        assertThat(process("04 0000 0021")).isEqualTo(hex("84 03"));       // 33 > the device's 32
        assertThat(process("01 0000 0011")).isEqualTo(hex("81 03"));       // 17 > 16 bits
        assertThat(process("05 0000 1234")).isEqualTo(hex("85 03"));       // coil value
        assertThat(process("06 0000 0065")).isEqualTo(hex("86 03"));       // dimLevel 101 > max
        assertThat(process("10 0000 0001 04 0001")).isEqualTo(hex("90 03")); // byte count mismatch
        assertThat(process("03 0000")).isEqualTo(hex("83 03"));            // short PDU
        assertThat(lamp.value("dimLevel")).isEqualTo(100);                 // refused writes changed nothing
    }

    @Test
    void readDeviceIdentificationBasicStream() {
        byte[] reply = process("2B 0E 01 00");
        String expected = "2B 0E 01 81 00 00 03"
                + " 00 0D " + HexFormat.of().formatHex("Test Lighting".getBytes(StandardCharsets.US_ASCII))
                + " 01 04 " + HexFormat.of().formatHex("TL-1".getBytes(StandardCharsets.US_ASCII))
                + " 02 03 " + HexFormat.of().formatHex("1.0".getBytes(StandardCharsets.US_ASCII));
        assertThat(reply).isEqualTo(hex(expected));
    }

    @Test
    void readDeviceIdentificationIndividualAndErrors() {
        assertThat(process("2B 0E 04 01")).isEqualTo(hex("2B 0E 04 81 00 00 01 01 04 544C2D31"));
        assertThat(process("2B 0E 04 05")).isEqualTo(hex("AB 02"));
        assertThat(process("2B 0E 05 00")).isEqualTo(hex("AB 03"));
        assertThat(process("2B 0D 01 00")).isEqualTo(hex("AB 01"));
    }

    @Test
    void aDeviceWithoutIdentificationRefusesFunction43() {
        DeviceModel gauge = new DeviceModel(TestProfiles.gauge(), 1, ZoneOffset.UTC, Instant.now());
        assertThat(RequestProcessor.process(hex("2B 0E 01 00"), gauge)).isEqualTo(hex("AB 01"));
    }
}
