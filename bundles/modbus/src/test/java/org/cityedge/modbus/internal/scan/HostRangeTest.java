package org.cityedge.modbus.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostRangeTest {

    @Test
    void countsAcrossOctetsInclusively() {
        HostRange r = HostRange.of("10.0.0.254", "10.0.1.1", 1024);

        assertThat(r.size()).isEqualTo(4);
        assertThat(r.host(0)).isEqualTo("10.0.0.254");
        assertThat(r.host(2)).isEqualTo("10.0.1.0");
        assertThat(r.host(3)).isEqualTo("10.0.1.1");
        assertThatThrownBy(() -> r.host(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void oneHostAndTheLargestRangeAreAccepted() {
        assertThat(HostRange.of("192.168.1.7", "192.168.1.7", 1024).size()).isEqualTo(1);
        assertThat(HostRange.of("10.0.0.0", "10.0.3.255", 1024).size()).isEqualTo(1024);
        assertThat(HostRange.of("255.255.255.255", "255.255.255.255", 1).host(0)).isEqualTo("255.255.255.255");
    }

    @Test
    void anythingButFourDecimalOctetsIsRefused() {
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "1.2.3.-4", "1.2.3.0x1", "1.2..4", "1.2.3.1000",
            "fe80::1", "gateway.local", "1.2.3.4 "}) {
            if (bad.equals("1.2.3.4 ")) {
                assertThat(HostRange.of(bad, "1.2.3.4", 1).size()).isEqualTo(1); // outer blanks are forgiven
                continue;
            }
            assertThatThrownBy(() -> HostRange.of(bad, "1.2.3.4", 1024)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("firstHost '" + bad + "'");
        }
        assertThatThrownBy(() -> HostRange.of("1.2.3.4", null, 1024)).hasMessageStartingWith("lastHost 'null'");
    }
}
