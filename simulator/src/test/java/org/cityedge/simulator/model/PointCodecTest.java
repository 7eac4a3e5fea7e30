package org.cityedge.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.RegisterTable;
import org.junit.jupiter.api.Test;

class PointCodecTest {

    private static PointDefinition p(DataType type, Endian bytes, Endian words, double scale, double offset) {
        return new PointDefinition("x", RegisterTable.HOLDING, 0, type, bytes, words, scale, offset, "", Access.READ,
                null, null, PollClass.NORMAL, null, null);
    }

    @Test
    void scaledIntegers() {
        assertThat(PointCodec.encode(p(DataType.UINT16, Endian.BIG, Endian.BIG, 0.1, 0), 230.4)).containsExactly(2304);
        assertThat(PointCodec.encode(p(DataType.INT16, Endian.BIG, Endian.BIG, 0.1, 0), -5.5)).containsExactly(0xFFC9);
        assertThat(PointCodec.decode(p(DataType.INT16, Endian.BIG, Endian.BIG, 0.1, 0), new int[] {0xFFC9}))
                .isCloseTo(-5.5, within(1e-9));
        assertThat(PointCodec.encode(p(DataType.UINT16, Endian.BIG, Endian.BIG, 1, -40), 25)).containsExactly(65);
    }

    @Test
    void thirtyTwoBitWordOrders() {
        PointDefinition big = p(DataType.UINT32, Endian.BIG, Endian.BIG, 1, 0);
        PointDefinition swapped = p(DataType.UINT32, Endian.BIG, Endian.LITTLE, 1, 0);
        assertThat(PointCodec.encode(big, 0x12345678L)).containsExactly(0x1234, 0x5678);
        assertThat(PointCodec.encode(swapped, 0x12345678L)).containsExactly(0x5678, 0x1234);
        assertThat(PointCodec.decode(swapped, new int[] {0x5678, 0x1234})).isEqualTo(0x12345678L);
        PointDefinition signed = p(DataType.INT32, Endian.BIG, Endian.BIG, 0.001, 0);
        assertThat(PointCodec.encode(signed, -1.5)).containsExactly(0xFFFF, 0xFA24);
    }

    @Test
    void floatsAndByteSwap() {
        // 1.5f = 0x3FC00000
        assertThat(PointCodec.encode(p(DataType.FLOAT32, Endian.BIG, Endian.BIG, 1, 0), 1.5))
                .containsExactly(0x3FC0, 0x0000);
        assertThat(PointCodec.encode(p(DataType.FLOAT32, Endian.BIG, Endian.LITTLE, 1, 0), 1.5))
                .containsExactly(0x0000, 0x3FC0);
        assertThat(PointCodec.encode(p(DataType.FLOAT32, Endian.LITTLE, Endian.BIG, 1, 0), 1.5))
                .containsExactly(0xC03F, 0x0000);
        PointDefinition d = p(DataType.FLOAT64, Endian.BIG, Endian.LITTLE, 1, 0);
        assertThat(PointCodec.decode(d, PointCodec.encode(d, Math.PI))).isEqualTo(Math.PI);
    }

    @Test
    void outOfRangeClampsInsteadOfWrapping() {
        assertThat(PointCodec.encode(p(DataType.UINT16, Endian.BIG, Endian.BIG, 1, 0), -3)).containsExactly(0);
        assertThat(PointCodec.encode(p(DataType.UINT16, Endian.BIG, Endian.BIG, 1, 0), 1e9)).containsExactly(65535);
    }
}
