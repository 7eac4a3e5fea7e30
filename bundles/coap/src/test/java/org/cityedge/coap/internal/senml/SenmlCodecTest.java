package org.cityedge.coap.internal.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class SenmlCodecTest {

    final SenmlCodec codec = new SenmlCodec();
    final long now = 1_800_000_000_000L;

    private List<SenmlRecord> json(String s) throws SenmlException {
        return codec.decodeJson(s.getBytes(StandardCharsets.UTF_8), now);
    }

    @Test
    void rfc8428MultipleDatapointsResolveBaseNameTimeAndUnit() throws Exception {
        // RFC 8428 §5.1.2
        List<SenmlRecord> r = json("[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"bt\":1.276020076001e+09,"
                + "\"bu\":\"A\",\"bver\":5,\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},{\"n\":\"current\",\"t\":-5,"
                + "\"v\":1.2},{\"n\":\"current\",\"t\":-4,\"v\":1.3}]");
        assertThat(r).hasSize(3);
        assertThat(r.get(0).name()).isEqualTo("urn:dev:ow:10e2073a01080063:voltage");
        assertThat(r.get(0).unit()).isEqualTo("V");
        assertThat(r.get(0).timeMs()).isEqualTo(1_276_020_076_001L);
        assertThat(r.get(1).unit()).isEqualTo("A");
        assertThat(r.get(1).timeMs()).isEqualTo(1_276_020_071_001L);
        assertThat(r.get(2).value()).isEqualTo(1.3);
    }

    @Test
    void baseValueRelativeTimeBooleanAndString() throws Exception {
        List<SenmlRecord> r = json("[{\"bn\":\"/3311/0/\",\"bv\":10,\"n\":\"5851\",\"v\":5,\"t\":-2},"
                + "{\"n\":\"5850\",\"vb\":true},{\"n\":\"5750\",\"vs\":\"lamp\"}]");
        assertThat(r.get(0).value()).isEqualTo(15.0);
        assertThat(r.get(0).timeMs()).isEqualTo(now - 2000);
        assertThat(r.get(1).value()).isEqualTo(true);
        assertThat(r.get(1).timeMs()).isEqualTo(now);
        assertThat(r.get(2).value()).isEqualTo("lamp");
        assertThat(r.get(2).ownName()).isEqualTo("5750");
    }

    @Test
    void cborWithIntegerLabels() throws Exception {
        byte[] one = codec.encodeOne("/3303/0/5700", 21.5, true);
        List<SenmlRecord> r = codec.decodeCbor(one, now);
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("/3303/0/5700");
            assertThat(x.value()).isEqualTo(21.5);
        });
        // [{0: "voltage", 1: "V", 2: 120.1}] with the integer labels of RFC 8428 §6
        byte[] rfc = HexFormat.of().parseHex("81a30067766f6c7461676501615602fb405e066666666666");
        List<SenmlRecord> v = codec.decodeCbor(rfc, now);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("voltage");
            assertThat(x.unit()).isEqualTo("V");
            assertThat(x.value()).isEqualTo(120.1);
        });
    }

    @Test
    void encodedJsonRoundTripsBooleans() throws Exception {
        assertThat(new String(codec.encodeOne("/3311/0/5850", true, false), StandardCharsets.UTF_8))
                .isEqualTo("[{\"n\":\"/3311/0/5850\",\"vb\":true}]");
        assertThat(codec.decodeJson(codec.encodeOne("/3311/0/5851", 40L, false), now).get(0).value()).isEqualTo(40.0);
    }

    @Test
    void malformedPacksAreRefusedWithAReason() {
        assertThatThrownBy(() -> json("{\"n\":\"a\",\"v\":1}")).hasMessageContaining("array");
        assertThatThrownBy(() -> json("[{\"n\":\"a\",\"v\":\"x\"}]")).hasMessageContaining("v must be a number");
        assertThatThrownBy(() -> json("[{\"v\":1}]")).hasMessageContaining("no name");
        assertThatThrownBy(() -> json("[{\"n\":\"a\"}]")).hasMessageContaining("no value");
        assertThatThrownBy(() -> json("[{\"n\":\"a\",\"v\":1,\"foo_\":1}]")).hasMessageContaining("must-understand");
        assertThatThrownBy(() -> json("[]")).hasMessageContaining("empty");
        assertThatThrownBy(() -> json("[1,")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> codec.decodeCbor(new byte[] {(byte) 0xff, 0x01}, now))
                .isInstanceOf(SenmlException.class);
    }
}
