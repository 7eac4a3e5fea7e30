package org.cityedge.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which URL the CLI uses, and whether it counts as this machine's gateway (token, wake-up). */
class GatewayAddressTest {

    @TempDir
    Path dir;

    @Test
    void theGivenUrlComesFirstThenTheConsolesFileThenTheDefault() throws IOException {
        Path url = dir.resolve("url");
        assertThat(GatewayAddress.resolve(null, url)).isEqualTo(
                new GatewayAddress(URI.create("http://127.0.0.1:8080"), true));

        Files.writeString(url, "http://192.168.50.1:8080/\n");
        assertThat(GatewayAddress.resolve(null, url)).as("written by the console: this gateway").isEqualTo(
                new GatewayAddress(URI.create("http://192.168.50.1:8080"), true));
        assertThat(GatewayAddress.resolve("  ", url).base()).hasToString("http://192.168.50.1:8080");
        assertThat(GatewayAddress.resolve("http://192.168.50.1:8080", url).local()).as("the same URL given")
                .isTrue();
        assertThat(GatewayAddress.resolve("http://192.168.50.7:8080", url)).as("another gateway").isEqualTo(
                new GatewayAddress(URI.create("http://192.168.50.7:8080"), false));
        assertThat(GatewayAddress.resolve("http://192.168.50.1:8081", url).local()).as("another port").isFalse();

        Files.writeString(url, "not a url at all\n");
        assertThat(GatewayAddress.resolve(null, url).base()).as("a broken file is ignored")
                .hasToString("http://127.0.0.1:8080");
    }

    @Test
    void onlyLoopbackLiteralsAndLocalhostAreLoopbackNamesAreNeverResolved() {
        for (String host : new String[] {"127.0.0.1", "127.3.2.1", "localhost", "[::1]", "::1",
                "[0:0:0:0:0:0:0:1]"}) {
            assertThat(GatewayAddress.loopback(host)).as(host).isTrue();
        }
        for (String host : new String[] {"127.evil.example", "127.0.0.1.nip.io", "192.168.50.1", "0.0.0.0",
                "[fe80::1]", "gateway.local", ""}) {
            assertThat(GatewayAddress.loopback(host)).as(host).isFalse();
        }
    }

    @Test
    void aMalformedGivenUrlIsAUsageError() {
        assertThatThrownBy(() -> GatewayAddress.resolve("ftp://somewhere", dir.resolve("url")))
                .isInstanceOf(Failure.class).hasMessageContaining("not http://host:port")
                .extracting(e -> ((Failure) e).exitCode()).isEqualTo(Failure.USAGE);
    }
}
