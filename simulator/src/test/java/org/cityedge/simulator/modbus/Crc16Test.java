package org.cityedge.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Crc16Test {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void checkValueOfTheCatalogue() {
        // CRC-16/MODBUS check value from the CRC catalogue (reveng): "123456789" -> 0x4B37.
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16.of(data, 0, data.length)).isEqualTo(0x4B37);
    }

    @Test
    void framesFromTheModbusSerialLineGuide() {
        // Read holding register 0 of unit 1: the classic 01 03 00 00 00 01 84 0A.
        assertThat(Crc16.append(hex("01 03 00 00 00 01"))).isEqualTo(hex("01 03 00 00 00 01 84 0A"));
        // Read 10 holding registers: 01 03 00 00 00 0A C5 CD.
        assertThat(Crc16.append(hex("01 03 00 00 00 0A"))).isEqualTo(hex("01 03 00 00 00 0A C5 CD"));
        // Exception reply of unit 1 to function 3, code 2: 01 83 02 C0 F1.
        assertThat(Crc16.append(hex("01 83 02"))).isEqualTo(hex("01 83 02 C0 F1"));
    }

    @Test
    void matchesAcceptsOnlyTheRightCrc() {
        byte[] good = hex("01 03 00 00 00 01 84 0A");
        assertThat(Crc16.matches(good, good.length)).isTrue();
        byte[] bad = good.clone();
        bad[7] ^= 1;
        assertThat(Crc16.matches(bad, bad.length)).isFalse();
        assertThat(Crc16.matches(good, 2)).isFalse();
    }
}
