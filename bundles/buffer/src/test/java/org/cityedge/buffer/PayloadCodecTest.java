package org.cityedge.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    private final PayloadCodec codec = new PayloadCodec();

    @Test
    void roundTripsAndShrinksTypicalTelemetry() {
        String json = "{\"time\":1762164900123,\"device\":\"lamp-12\",\"readings\":[{\"time\":1762164900123,"
                + "\"points\":{\"activePower\":{\"value\":41.5,\"unit\":\"W\",\"quality\":\"GOOD\"},"
                + "\"dimmingLevel\":{\"value\":80,\"unit\":\"%\",\"quality\":\"GOOD\"},"
                + "\"voltage\":{\"value\":229.8,\"unit\":\"V\",\"quality\":\"GOOD\"},"
                + "\"lampFailure\":{\"value\":false,\"quality\":\"GOOD\"}}}]}";
        byte[] stored = codec.encode(json);
        assertThat(stored[0]).isEqualTo(PayloadCodec.DEFLATE_DICT_1);
        assertThat(stored.length).isLessThan(json.length() / 2);
        assertThat(codec.decode(stored)).isEqualTo(json);
    }

    @Test
    void keepsShortOrIncompressiblePayloadsRawAndUnicodeIntact() {
        String json = "{\"név\":\"Đường Trần Hưng Đạo ✓\"}";
        assertThat(codec.decode(codec.encode(json))).isEqualTo(json);
        assertThat(codec.decode(codec.encode("{}"))).isEqualTo("{}");
    }

    @Test
    void refusesAnUnknownEncoding() {
        assertThatThrownBy(() -> codec.decode(new byte[] { 9, 1, 2 })).isInstanceOf(IllegalArgumentException.class);
    }
}
