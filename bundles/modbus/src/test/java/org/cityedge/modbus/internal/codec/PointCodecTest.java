package org.cityedge.modbus.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.cityedge.modbus.internal.testing.Points.bitfield;
import static org.cityedge.modbus.internal.testing.Points.coil;
import static org.cityedge.modbus.internal.testing.Points.enumeration;
import static org.cityedge.modbus.internal.testing.Points.holding;
import static org.cityedge.modbus.internal.testing.Points.input;
import static org.cityedge.modbus.internal.testing.Points.ordered;
import static org.cityedge.modbus.internal.testing.Points.ranged;
import static org.cityedge.modbus.internal.testing.Points.scaled;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointCodecTest {

    private static Sample one(PointDefinition p, int... registers) {
        List<Sample> out = new ArrayList<>();
        PointDecoder.decodeRegisters("dev", p, registers, 0, 42L, out);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static Object value(PointDefinition p, int... registers) {
        Sample s = one(p, registers);
        assertThat(s.quality()).as("%s", s).isEqualTo(Quality.GOOD);
        return s.value();
    }

    @Test
    void unscaledIntegersAreLongs() {
        assertThat(value(holding("u", 0, DataType.UINT16), 0xFFFF)).isEqualTo(65535L);
        assertThat(value(holding("s", 0, DataType.INT16), 0xFFFF)).isEqualTo(-1L);
        assertThat(value(holding("s", 0, DataType.INT16), 0x8000)).isEqualTo(-32768L);
        assertThat(value(holding("u32", 0, DataType.UINT32), 0xFFFF, 0xFFFE)).isEqualTo(4294967294L);
        assertThat(value(holding("i32", 0, DataType.INT32), 0xFFFF, 0xFFFE)).isEqualTo(-2L);
        assertThat(value(holding("i32", 0, DataType.INT32), 0x0001, 0x0002)).isEqualTo(65538L);
    }

    @Test
    void signedScaledInt16() {
        PointDefinition temperature = scaled(holding("t", 0, DataType.INT16), 0.1, 0, "Cel");
        assertThat((Double) value(temperature, 0xFF9C)).isCloseTo(-10.0, within(1e-9));
        assertThat((Double) value(temperature, 253)).isCloseTo(25.3, within(1e-9));
        assertThat(one(temperature, 253).unit()).isEqualTo("Cel");
    }

    @Test
    void offsetIsAddedAfterScaling() {
        PointDefinition p = scaled(holding("t", 0, DataType.UINT16), 0.5, -40, "Cel");
        assertThat((Double) value(p, 100)).isCloseTo(10.0, within(1e-9));
        // an offset alone also makes the value a Double
        assertThat(value(scaled(holding("x", 0, DataType.UINT16), 1, 1, ""), 1)).isEqualTo(2.0);
    }

    @Test
    void counterWithLowWordFirst() {
        PointDefinition energy = ordered(holding("e", 0, DataType.UINT32), Endian.BIG, Endian.LITTLE);
        // 0x0001_0002 = 65538 sent as low word 0x0002 then high word 0x0001
        assertThat(value(energy, 0x0002, 0x0001)).isEqualTo(65538L);
        assertThat(value(energy, 0xFFFF, 0xFFFF)).isEqualTo(4294967295L);
    }

    @Test
    void float32InEveryByteAndWordOrder() {
        int bits = Float.floatToIntBits(231.5f); // 0x43677FFF? whatever it is, split it per order
        int hi = bits >>> 16;
        int lo = bits & 0xFFFF;
        PointDefinition p = holding("v", 0, DataType.FLOAT32);
        assertThat(value(p, hi, lo)).isEqualTo(231.5);
        assertThat(value(ordered(p, Endian.BIG, Endian.LITTLE), lo, hi)).isEqualTo(231.5);
        assertThat(value(ordered(p, Endian.LITTLE, Endian.BIG), swap(hi), swap(lo))).isEqualTo(231.5);
        assertThat(value(ordered(p, Endian.LITTLE, Endian.LITTLE), swap(lo), swap(hi))).isEqualTo(231.5);
    }

    @Test
    void float64WithSwappedWords() {
        long bits = Double.doubleToLongBits(-1234.5678);
        int[] big = {(int) (bits >>> 48) & 0xFFFF, (int) (bits >>> 32) & 0xFFFF, (int) (bits >>> 16) & 0xFFFF,
                (int) bits & 0xFFFF};
        PointDefinition p = holding("d", 0, DataType.FLOAT64);
        assertThat(value(p, big)).isEqualTo(-1234.5678);
        assertThat(value(ordered(p, Endian.BIG, Endian.LITTLE), big[3], big[2], big[1], big[0])).isEqualTo(-1234.5678);
    }

    @Test
    void byteSwappedInt16() {
        assertThat(value(ordered(holding("s", 0, DataType.INT16), Endian.LITTLE, Endian.BIG), 0xFEFF)).isEqualTo(-2L);
    }

    @Test
    void floatScaleApplies() {
        PointDefinition p = scaled(holding("f", 0, DataType.FLOAT32), 1000, 0, "mV");
        int bits = Float.floatToIntBits(1.5f);
        assertThat(value(p, bits >>> 16, bits & 0xFFFF)).isEqualTo(1500.0);
    }

    @Test
    void nanIsBad() {
        int bits = Float.floatToIntBits(Float.NaN);
        Sample s = one(holding("f", 0, DataType.FLOAT32), bits >>> 16, bits & 0xFFFF);
        assertThat(s.quality()).isEqualTo(Quality.BAD);
        assertThat(s.value()).isNull();
    }

    @Test
    void boolInARegisterIsTrueWhenNotZero() {
        assertThat(value(holding("b", 0, DataType.BOOL), 0)).isEqualTo(false);
        assertThat(value(holding("b", 0, DataType.BOOL), 0x100)).isEqualTo(true);
    }

    @Test
    void bitsOfBitTables() {
        List<Sample> out = new ArrayList<>();
        PointDecoder.decodeBits("dev", coil("relay", 3), new boolean[] {false, false, false, true}, 3, 7L, out);
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(true);
            assertThat(s.timestamp()).isEqualTo(7L);
        });
    }

    @Test
    void bitfieldGivesOneBooleanPerNamedBit() {
        PointDefinition flags = bitfield("faultFlags", RegisterTable.INPUT, 0, Map.of(0, "lampFailure", 2,
                "relayFailure", 15, "top"));
        List<Sample> out = new ArrayList<>();
        PointDecoder.decodeRegisters("dev", flags, new int[] {0x8004}, 0, 1L, out);

        assertThat(out).extracting(Sample::point).containsExactly("lampFailure", "relayFailure", "top");
        assertThat(out).extracting(Sample::value).containsExactly(false, true, true);
        assertThat(PointDecoder.sampleNames(flags)).containsExactly("lampFailure", "relayFailure", "top");
    }

    @Test
    void enumGivesTheStateNameAndUnknownValuesAreBad() {
        PointDefinition mode = enumeration("mode", RegisterTable.HOLDING, 0, Map.of(0L, "off", 1L, "auto", 2L,
                "manual"));
        assertThat(value(mode, 1)).isEqualTo("auto");
        Sample unknown = one(mode, 7);
        assertThat(unknown.quality()).isEqualTo(Quality.BAD);
        assertThat(unknown.reason()).isEqualTo("unknown enum value 7");
    }

    @Test
    void outOfRangeIsBad() {
        PointDefinition voltage = ranged(scaled(input("voltage", 0, DataType.UINT16), 0.1, 0, "V"), 0.0, 300.0);
        assertThat(value(voltage, 3000)).isEqualTo(300.0);
        Sample s = one(voltage, 3001);
        assertThat(s.quality()).isEqualTo(Quality.BAD);
        assertThat(s.reason()).isEqualTo("out of range");
        assertThat(one(ranged(holding("n", 0, DataType.INT16), 0.0, null), 0xFFFF).reason()).isEqualTo("out of range");
    }

    @Test
    void decodesAtAnOffsetInsideABlock() {
        List<Sample> out = new ArrayList<>();
        PointDecoder.decodeRegisters("dev", holding("x", 12, DataType.UINT32), new int[] {9, 9, 0, 5, 9}, 2, 1L, out);
        assertThat(out.get(0).value()).isEqualTo(5L);
        out.clear();
        PointDecoder.decodeRegisters("dev", holding("x", 12, DataType.UINT32), new int[] {9, 9, 0}, 2, 1L, out);
        assertThat(out.get(0).quality()).isEqualTo(Quality.BAD);
    }

    @ParameterizedTest
    @CsvSource({"INT16,-123,0.1,0", "INT16,-32768,1,0", "UINT16,65535,1,0", "INT32,-2000000000,1,0",
        "UINT32,4000000000,1,0", "UINT16,55.5,0.1,-10", "FLOAT32,231.5,1,0", "FLOAT64,-1234.5678,1,0"})
    void encodingIsTheInverseOfDecodingInEveryOrder(DataType type, double value, double scale, double offset)
            throws RejectedValueException {
        for (Endian bytes : Endian.values()) {
            for (Endian words : Endian.values()) {
                PointDefinition p = ordered(scaled(holding("p", 0, type), scale, offset, ""), bytes, words);
                int[] registers = PointEncoder.encodeRegisters(p, value);
                assertThat(registers).hasSize(type.registers());
                Object back = value(p, registers);
                assertThat(((Number) back).doubleValue()).as("%s %s/%s", type, bytes, words).isCloseTo(value,
                        within(1e-6));
            }
        }
    }

    @Test
    void encodedRegistersAreInWireOrder() throws RejectedValueException {
        PointDefinition counter = ordered(holding("c", 0, DataType.UINT32), Endian.BIG, Endian.LITTLE);
        assertThat(PointEncoder.encodeRegisters(counter, 65538L)).containsExactly(0x0002, 0x0001);
        assertThat(PointEncoder.encodeRegisters(holding("s", 0, DataType.INT16), -2)).containsExactly(0xFFFE);
        assertThat(PointEncoder.encodeRegisters(scaled(holding("d", 0, DataType.UINT16), 0.1, 0, "%"), 55.5))
                .containsExactly(555);
        assertThat(PointEncoder.encodeRegisters(enumeration("m", RegisterTable.HOLDING, 0, Map.of(2L, "manual")),
                "manual")).containsExactly(2);
        assertThat(PointEncoder.encodeRegisters(holding("b", 0, DataType.BOOL), "on")).containsExactly(1);
    }

    @Test
    void badValuesAreRefusedWithAReason() {
        PointDefinition dim = ranged(holding("dimLevel", 0, DataType.UINT16), 0.0, 100.0);
        assertThatThrownBy(() -> PointEncoder.encodeRegisters(dim, 101)).isInstanceOf(RejectedValueException.class)
                .hasMessageContaining("[0.0, 100.0]");
        assertThatThrownBy(() -> PointEncoder.encodeRegisters(dim, "bright")).hasMessageContaining("number");
        assertThatThrownBy(() -> PointEncoder.encodeRegisters(dim, null)).hasMessageContaining("null");
        assertThatThrownBy(() -> PointEncoder.encodeRegisters(holding("s", 0, DataType.INT16), 40000))
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> PointEncoder.encodeRegisters(holding("u", 0, DataType.UINT16), -1))
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> PointEncoder.encodeRegisters(enumeration("m", RegisterTable.HOLDING, 0,
                Map.of(0L, "off")), "dance")).hasMessageContaining("off");
        assertThatThrownBy(() -> PointEncoder.encodeBool(coil("c", 0), 2)).hasMessageContaining("true or false");
        assertThatThrownBy(() -> PointEncoder.encodeRegisters(bitfield("f", RegisterTable.HOLDING, 0,
                Map.of(0, "x")), 1)).hasMessageContaining("bit field");
    }

    private static int swap(int register) {
        return ((register & 0xFF) << 8) | (register >>> 8);
    }
}
