package org.cityedge.coap.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.coap.internal.CoapDriver;
import org.cityedge.coap.internal.TestSites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

/** The push server against libcoap's real clients (coap-client-notls, coap-client-openssl). */
class LibcoapInteropTest {

    static final String KEY1 = "aqn-1-secret-key";
    static final String KEY2 = "aqn-2-secret-key";
    static final List<Sample> received = Collections.synchronizedList(new ArrayList<>());
    @TempDir
    static Path dir;
    static CoapDriver driver;
    static int plain;
    static int dtls;

    @BeforeAll
    static void start() throws IOException {
        Path psk = dir.resolve("psk.properties");
        Files.writeString(psk, "aqn-1=" + HexFormat.of().formatHex(KEY1.getBytes(StandardCharsets.US_ASCII))
                + "\naqn-2=base64:" + java.util.Base64.getEncoder().encodeToString(KEY2.getBytes()) + "\n");
        driver = new CoapDriver(TestSites.config(true, psk.toString()), batch -> batch.stream()
                .filter(s -> s.deviceId().startsWith("aqn")).forEach(received::add)).start();
        driver.update(TestSites.site(TestSites.device("aqn-1", "aqn", null), TestSites.device("aqn-2", "aqn", null),
                TestSites.device("aqn-3", "aqn", null), TestSites.device("lamp-9", "slc", "coap://127.0.0.1:9")),
                TestSites.profiles(TestSites.airNode(), TestSites.lamp(1000)));
        plain = driver.server().plainPort();
        dtls = driver.server().dtlsPort();
    }

    @AfterAll
    static void stop() {
        driver.close();
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    @Test
    void senmlJsonPostIsDelivered() throws Exception {
        String out = plainPost("aqn-3", "110", "[{\"bn\":\"/3428/0/\",\"n\":\"1\",\"v\":12.5},{\"n\":\"3\",\"v\":7},"
                + "{\"n\":\"99\",\"v\":1}]");
        assertThat(out).contains("2.04");
        assertThat(received).extracting(Sample::point, Sample::value, Sample::quality)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pm10", 12.5, Quality.GOOD),
                        org.assertj.core.groups.Tuple.tuple("pm25", 7.0, Quality.GOOD));
        assertThat(health("aqn-3").errors()).containsEntry("ignoredRecords", 1L);
    }

    @Test
    void senmlCborFileIsDeliveredWithOutOfRangeAsBad() throws Exception {
        Path file = dir.resolve("pack.cbor");
        Files.write(file, cbor());
        String out = coap(List.of("coap-client-notls", "-m", "put", "-t", "112", "-f", file.toString(),
                "coap://127.0.0.1:" + plain + "/readings/aqn-3"));
        assertThat(out).contains("2.04");
        assertThat(received).extracting(Sample::point).containsExactly("pm10", "temperature");
        assertThat(received.get(0).value()).isEqualTo(40.0);
        assertThat(received.get(1).quality()).isEqualTo(Quality.BAD);
        assertThat(received.get(1).reason()).isEqualTo("out of range");
    }

    @Test
    void dtlsWithTheRightKeyIsAccepted() throws Exception {
        String out = coap(List.of("coap-client-openssl", "-k", KEY1, "-u", "aqn-1", "-m", "post", "-t", "110", "-e",
                "[{\"n\":\"/3428/0/1\",\"v\":3}]", "coaps://127.0.0.1:" + dtls + "/readings/aqn-1"));
        assertThat(out).contains("2.04");
        assertThat(received).extracting(Sample::point).containsExactly("pm10");
    }

    @Test
    void dtlsWithAWrongKeyDeliversNothing() throws Exception {
        long before = driver.serverCounters().handshakeFailures();
        String out = coap(List.of("coap-client-openssl", "-k", "not-the-key", "-u", "aqn-1", "-m", "post", "-t",
                "110", "-e", "[{\"n\":\"/3428/0/1\",\"v\":3}]", "coaps://127.0.0.1:" + dtls + "/readings/aqn-1"));
        assertThat(out).doesNotContain("2.04");
        assertThat(received).isEmpty();
        assertThat(driver.serverCounters().handshakeFailures()).isGreaterThan(before);
    }

    @Test
    void identityOfAnotherNodeIsForbidden() throws Exception {
        String out = coap(List.of("coap-client-openssl", "-k", KEY2, "-u", "aqn-2", "-m", "post", "-t", "110", "-e",
                "[{\"n\":\"/3428/0/1\",\"v\":3}]", "coaps://127.0.0.1:" + dtls + "/readings/aqn-1"));
        assertThat(out).contains("4.03");
        assertThat(received).isEmpty();
        assertThat(health("aqn-1").errors()).containsKey("identityMismatch");
    }

    @Test
    void plainPostForANodeWithAKeyIsForbiddenEvenWithAllowPlain() throws Exception {
        String out = plainPost("aqn-1", "110", "[{\"n\":\"/3428/0/1\",\"v\":3}]");
        assertThat(out).contains("4.03");
        assertThat(received).isEmpty();
        assertThat(health("aqn-1").errors()).containsKey("dtlsRequired");
    }

    @Test
    void aDtlsPeerCannotTellWhichOtherIdsExist() throws Exception {
        String toKnown = coap(List.of("coap-client-openssl", "-k", KEY2, "-u", "aqn-2", "-m", "post", "-t", "110",
                "-e", "[{\"n\":\"/3428/0/1\",\"v\":3}]", "coaps://127.0.0.1:" + dtls + "/readings/aqn-1"));
        String toUnknown = coap(List.of("coap-client-openssl", "-k", KEY2, "-u", "aqn-2", "-m", "post", "-t", "110",
                "-e", "[{\"n\":\"/3428/0/1\",\"v\":3}]", "coaps://127.0.0.1:" + dtls + "/readings/nobody"));
        assertThat(toKnown).contains("4.03");
        assertThat(toUnknown).contains("4.03").doesNotContain("4.04");
        assertThat(driver.serverCounters().unknownRefusals()).containsKey("identityMismatch");
        assertThat(received).isEmpty();
    }

    @Test
    void unknownSendersDoNotGrowTheRefusalLog() throws Exception {
        assertThat(plainPost("ghost-0", "110", "[{\"n\":\"x\",\"v\":1}]")).contains("4.04");
        int kinds = driver.serverCounters().throttledKinds();
        for (int i = 1; i <= 3; i++) {
            assertThat(plainPost("ghost-" + i, "110", "[{\"n\":\"x\",\"v\":1}]")).contains("4.04");
        }
        assertThat(driver.serverCounters().throttledKinds()).isEqualTo(kinds);
    }

    @Test
    void unknownNodeAndReadNodeAreNotFound() throws Exception {
        assertThat(plainPost("nobody", "110", "[{\"n\":\"x\",\"v\":1}]")).contains("4.04");
        assertThat(plainPost("lamp-9", "110", "[{\"n\":\"x\",\"v\":1}]")).contains("4.04");
        assertThat(driver.serverCounters().unknownRefusals()).containsKey("unknownNode");
        assertThat(received).isEmpty();
    }

    @Test
    void malformedAndPointlessPacksAreBadRequests() throws Exception {
        assertThat(plainPost("aqn-3", "110", "[{\"n\":\"/3428/0/1\",\"v\":")).contains("4.00");
        assertThat(plainPost("aqn-3", "110", "[{\"n\":\"/9999/0/1\",\"v\":1}]")).contains("4.00");
        assertThat(received).isEmpty();
        assertThat(health("aqn-3").errors()).containsKeys("badPayload", "noPoint");
    }

    @Test
    void oversizedAndWrongFormatAreRefused() throws Exception {
        String big = "[" + "{\"n\":\"/3428/0/1\",\"v\":1},".repeat(60) + "{\"n\":\"/3428/0/1\",\"v\":1}]";
        assertThat(big.length()).isGreaterThan(1024).isLessThan(1800);
        assertThat(plainPost("aqn-3", "110", big)).contains("4.13");
        assertThat(plainPost("aqn-3", "0", "12.5")).contains("4.15");
        assertThat(received).isEmpty();
        assertThat(health("aqn-3").errors()).containsKeys("tooLarge", "badFormat");
    }

    private static org.cityedge.api.field.DeviceHealth health(String id) {
        return driver.health().stream().filter(h -> h.deviceId().equals(id)).findFirst().orElseThrow();
    }

    private static String plainPost(String id, String format, String payload) throws Exception {
        return coap(List.of("coap-client-notls", "-m", "post", "-t", format, "-e", payload,
                "coap://127.0.0.1:" + plain + "/readings/" + id));
    }

    /** Runs a libcoap client, bounded in time; returns its output (the response code is printed with -v). */
    static String coap(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("timeout", "20"));
        cmd.add(args.get(0));
        cmd.addAll(List.of("-v", "6", "-B", "5"));
        cmd.addAll(args.subList(1, args.size()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] cbor() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartArray();
            g.writeStartObject();
            g.writeFieldId(-2);
            g.writeString("/3428/0/");
            g.writeFieldId(0);
            g.writeString("1");
            g.writeFieldId(2);
            g.writeNumber(40.0);
            g.writeEndObject();
            g.writeStartObject();
            g.writeFieldId(-2);
            g.writeString("/3303/0/");
            g.writeFieldId(0);
            g.writeString("5700");
            g.writeFieldId(2);
            g.writeNumber(99.5);
            g.writeEndObject();
            g.writeEndArray();
        }
        return out.toByteArray();
    }
}
