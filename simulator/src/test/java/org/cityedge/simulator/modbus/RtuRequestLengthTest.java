package org.cityedge.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtuRequestLengthTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void fixedLengthFunctionsAreEightBytes(int function) {
        assertThat(RtuRequestLength.of(new byte[] {1, (byte) function}, 2)).isEqualTo(8);
    }

    @Test
    void multipleWritesNeedTheByteCount() {
        byte[] fc16 = hex("01 10 00 00 00 02 04 00 0A 00 0B");
        assertThat(RtuRequestLength.of(fc16, 6)).isEqualTo(RtuRequestLength.NEED_MORE);
        assertThat(RtuRequestLength.of(fc16, 7)).isEqualTo(9 + 4);
        byte[] fc15 = hex("01 0F 00 00 00 0A 02 FF 03");
        assertThat(RtuRequestLength.of(fc15, 7)).isEqualTo(9 + 2);
    }

    @Test
    void deviceIdentificationIsSevenBytes() {
        assertThat(RtuRequestLength.of(hex("01 2B 0E 01 00"), 5)).isEqualTo(7);
    }

    @Test
    void tooShortOrUnknown() {
        assertThat(RtuRequestLength.of(new byte[] {1}, 1)).isEqualTo(RtuRequestLength.NEED_MORE);
        assertThat(RtuRequestLength.of(new byte[] {1, 0x41}, 2)).isEqualTo(RtuRequestLength.UNKNOWN);
    }
}
