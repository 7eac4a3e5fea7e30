package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.uplink.LinkState;
import org.cityedge.buffer.BufferSettings;
import org.cityedge.buffer.DurableOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS against Mosquitto with require_certificate, with certificates the test makes. */
class TlsBrokerTest {

    @TempDir
    Path dir;

    private TestPki pki;
    private Mosquitto broker;
    private DurableOutbox outbox;
    private UplinkEngine engine;
    private IocSubscriber ioc;

    @BeforeEach
    void start() throws Exception {
        pki = TestPki.create(dir, "city");
        broker = Mosquitto.custom(dir, "cafile " + pki.ca + "\ncertfile " + pki.serverCert + "\nkeyfile "
                + pki.serverKey + "\nrequire_certificate true", "allow_anonymous true", true);
        ioc = IocSubscriber.open(broker.plainUrl(), "cityedge/v1/#"); // the IOC comes in by the plain side door
        outbox = DurableOutbox.open(BufferSettings.defaults(dir.resolve("outbox.db")).withCommitInterval(5));
        engine = new UplinkEngine(outbox, new FixedFacts("district-7", "gw-0001", 1));
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (ioc != null) {
            ioc.close();
        }
        broker.close();
    }

    private UplinkSettings tls() {
        return PlainBrokerTest.settings("ssl://127.0.0.1:" + broker.port);
    }

    @Test
    void mutualTlsWithVerifiedBrokerPublishes() throws Exception {
        engine.start(tls().withTls(pki.ca.toString(), pki.clientCert.toString(), pki.clientKey.toString()));
        PlainBrokerTest.awaitState(engine, LinkState.CONNECTED);
        engine.accept(SyntheticPolls.poll("lamp-0", 3, 1, 1_000));
        assertThat(ioc.await(r -> r.kind().equals("telemetry"), 1, PlainBrokerTest.WAIT)).hasSize(1);
        assertThat(ioc.schemaErrors()).isEmpty();
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesAndSamplesAreKept() throws Exception {
        engine.start(tls().withTls(pki.ca.toString(), "", ""));
        awaitNotConnected();
        engine.accept(SyntheticPolls.poll("lamp-0", 3, 1, 1_000));
        outbox.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(outbox.status().depth()).isEqualTo(1);
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsNotTrusted() throws Exception {
        TestPki rogue = TestPki.create(dir, "rogue");
        engine.start(tls().withTls(rogue.ca.toString(), pki.clientCert.toString(), pki.clientKey.toString()));
        PlainBrokerTest.awaitState(engine, LinkState.REFUSED);
        assertThat(engine.status().problem()).contains("TLS");
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() throws Exception {
        TestPki rogue = TestPki.create(dir, "rogue");
        engine.start(tls().withTls(pki.ca.toString(), rogue.clientCert.toString(), rogue.clientKey.toString()));
        awaitNotConnected();
    }

    @Test
    void aCertificateRenewedInPlaceReconnectsWithTheNewOne() throws Exception {
        Path cert = dir.resolve("gateway.crt");
        Path key = dir.resolve("gateway.key");
        Files.copy(pki.clientCert, cert);
        Files.copy(pki.clientKey, key);
        UplinkSettings settings = tls().withTls(pki.ca.toString(), cert.toString(), key.toString());
        engine.start(settings);
        PlainBrokerTest.awaitState(engine, LinkState.CONNECTED);
        assertThat(engine.status().connects()).isEqualTo(1);

        pki.renewClient(dir, key, cert); // provisioning installs a renewal under the same paths
        engine.reconfigure(settings);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.status().connects() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.status().connects()).as("reconnected with the renewed certificate").isEqualTo(2);
        PlainBrokerTest.awaitState(engine, LinkState.CONNECTED);
    }

    /** Refused (TLS alert seen) or still trying (the broker just closed the socket): never connected. */
    private void awaitNotConnected() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.status().problem() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.status().state()).isIn(LinkState.REFUSED, LinkState.CONNECTING);
        assertThat(engine.status().connects()).isZero();
        assertThat(engine.status().problem()).isNotBlank();
    }
}
