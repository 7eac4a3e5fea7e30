package org.cityedge.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The DNS-rebinding guard's judgement of Host headers (the HTTP side is in SessionHttpTest). */
class HostCheckTest {

    @Test
    void theBoundAddressAndLoopbackNamesWithThePortAreThisConsole() {
        for (String host : new String[] {"192.168.50.1:8080", "127.0.0.1:8080", "localhost:8080", "LocalHost:8080",
                "[::1]:8080"}) {
            assertThat(HostCheck.problem(host, "192.168.50.1", 8080)).as(host).isNull();
        }
        assertThat(HostCheck.problem("[fe80::7]:8080", "fe80:0:0:0:0:0:0:7", 8080)).isNull();
        assertThat(HostCheck.problem("192.168.50.1", "192.168.50.1", 80)).as("port 80 left out").isNull();
    }

    @Test
    void otherNamesPortsOrNoHostAreMisdirected() {
        for (String host : new String[] {"evil.example:8080", "evil.example", "192.168.50.1:8081", "192.168.50.1",
                "192.168.50.2:8080", "gateway.local:8080", "::1:8080", "127.0.0.1:80x", "127.0.0.1:8080.evil"}) {
            assertThat(HostCheck.problem(host, "192.168.50.1", 8080)).as(host)
                    .startsWith("misdirected request: Host").contains("use http://192.168.50.1:8080");
        }
        assertThat(HostCheck.problem(null, "192.168.50.1", 8080)).contains("no Host header");
    }
}
