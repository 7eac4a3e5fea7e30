package org.cityedge.simulator.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.cityedge.api.profile.CoapFormat;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/** The simulator's own SenML codec against Jackson's CBOR, and its answers to malformed packs. */
class SenmlTest {

    private static final List<Senml.Entry> PACK = List.of(new Senml.Entry("/3311/0/5851", "%", 40L, null),
            new Senml.Entry("/3311/0/5850", null, true, null), new Senml.Entry("/3311/0/5820", null, -0.5, 1.7e9));

    @Test
    void cborUsesTheRfc8428IntegerLabels() throws Exception {
        JsonNode pack = new ObjectMapper(new CBORFactory())
                .readTree(Senml.encode(CoapFormat.SENML_CBOR, "/3311/0/", PACK));
        assertThat(pack.get(0).get("-2").asText()).isEqualTo("/3311/0/");
        assertThat(pack.get(0).get("0").asText()).isEqualTo("5851");
        assertThat(pack.get(0).get("1").asText()).isEqualTo("%");
        assertThat(pack.get(0).get("2").asLong()).isEqualTo(40);
        assertThat(pack.get(1).get("4").asBoolean()).isTrue();
        assertThat(pack.get(2).get("2").asDouble()).isEqualTo(-0.5);
        assertThat(pack.get(2).get("6").asDouble()).isEqualTo(1.7e9);
    }

    @Test
    void bothFormatsRoundTripWithNamesResolved() {
        for (CoapFormat f : List.of(CoapFormat.SENML_JSON, CoapFormat.SENML_CBOR)) {
            List<Senml.Entry> back = Senml.decode(f, Senml.encode(f, "/3311/0/", PACK));
            assertThat(back).extracting(Senml.Entry::name).containsExactly("/3311/0/5851", "/3311/0/5850",
                    "/3311/0/5820");
            assertThat(back.get(1).value()).isEqualTo(true);
            assertThat(((Number) back.get(2).value()).doubleValue()).isEqualTo(-0.5);
        }
    }

    @Test
    void halfAndSinglePrecisionFromOtherSendersDecode() {
        // [{0: "x", 2: 1.5 (half)}, {0: "y", 2: 0.25 (single)}]
        byte[] cbor = {(byte) 0x82, (byte) 0xA2, 0x00, 0x61, 'x', 0x02, (byte) 0xF9, 0x3E, 0x00,
            (byte) 0xA2, 0x00, 0x61, 'y', 0x02, (byte) 0xFA, 0x3E, (byte) 0x80, 0x00, 0x00};
        List<Senml.Entry> r = Senml.decode(CoapFormat.SENML_CBOR, cbor);
        assertThat(r.get(0).value()).isEqualTo(1.5);
        assertThat(r.get(1).value()).isEqualTo(0.25);
    }

    @Test
    void malformedPacksAreClearErrors() {
        assertThatThrownBy(() -> Senml.decode(CoapFormat.SENML_CBOR, new byte[] {(byte) 0x9A, 0x7F, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the payload");
        assertThatThrownBy(() -> Senml.decode(CoapFormat.SENML_CBOR, new byte[] {(byte) 0x81, (byte) 0xA1, 0x00}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> Senml.decode(CoapFormat.SENML_JSON, "{\"n\":1}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> Senml.decode(CoapFormat.SENML_JSON, "[{\"n\":\"a\"}]".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value");
    }
}
