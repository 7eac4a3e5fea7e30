package org.cityedge.coap.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.CoapBinding;
import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.junit.jupiter.api.Test;

/** Write verification: what counts as the value read back being the value written. */
class PointCodecTest {

    static PointDefinition point(DataType type, double scale, Map<Long, String> enums) {
        return new PointDefinition("p", null, 0, type, null, null, scale, 0, "", Access.READ_WRITE, null, null,
                PollClass.FAST, null, enums, new CoapBinding("/1/0", CoapFormat.SENML_JSON, "/1/0/1", false));
    }

    @Test
    void enumWrittenAsNumberMatchesTheStateReadBack() throws Exception {
        PointDefinition mode = point(DataType.ENUM, 1, Map.of(0L, "OFF", 1L, "ON", 2L, "AUTO"));
        Object wire = PointCodec.toWire(mode, 2);
        Object readBack = PointCodec.fromValue("d", mode, ((Long) wire).doubleValue(), 0).get(0).value();
        assertThat(readBack).isEqualTo("AUTO");
        assertThat(PointCodec.sameValue(mode, 2, readBack)).isTrue();
        assertThat(PointCodec.sameValue(mode, 2.0, readBack)).isTrue();
        assertThat(PointCodec.sameValue(mode, "AUTO", readBack)).isTrue();
        assertThat(PointCodec.sameValue(mode, 1, readBack)).isFalse();
        assertThat(PointCodec.sameValue(mode, "ON", readBack)).isFalse();
        assertThat(PointCodec.sameValue(mode, 7, "null")).isFalse();
    }

    @Test
    void float32IsComparedAtFloatPrecision() {
        PointDefinition setpoint = point(DataType.FLOAT32, 1, null);
        double stored = (float) 20.1; // what a device holding a float answers
        assertThat(PointCodec.sameValue(setpoint, 20.1, stored)).isTrue();
        assertThat(PointCodec.sameValue(setpoint, 20.1, (double) Math.nextUp((float) 20.1))).isTrue();
        assertThat(PointCodec.sameValue(setpoint, 20.1, 20.2)).isFalse();
        assertThat(PointCodec.sameValue(setpoint, 20.1, 20.1001)).isFalse();
        PointDefinition scaled = point(DataType.FLOAT32, 0.1, null);
        assertThat(PointCodec.sameValue(scaled, 1234.5, PointCodec.scale((float) 12345.0, 0.1))).isTrue();
        assertThat(PointCodec.sameValue(setpoint, 0.0, 0.0)).isTrue();
    }

    @Test
    void float64StaysStrict() {
        PointDefinition p = point(DataType.FLOAT64, 1, null);
        assertThat(PointCodec.sameValue(p, 20.1, (double) (float) 20.1)).isFalse();
        assertThat(PointCodec.sameValue(p, 20.1, 20.1)).isTrue();
    }
}
