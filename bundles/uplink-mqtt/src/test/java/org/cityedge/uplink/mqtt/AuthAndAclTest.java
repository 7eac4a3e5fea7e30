package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.uplink.LinkState;
import org.cityedge.buffer.BufferSettings;
import org.cityedge.buffer.DurableOutbox;
import org.cityedge.uplink.mqtt.IocSubscriber.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker with passwords and an ACL that confines each gateway to its own topic prefix, as a city's broker
 * would be set up. Refusals give a clear status and keep the data; polling (accept) goes on.
 */
class AuthAndAclTest {

    @TempDir
    Path dir;

    private Mosquitto broker;
    private DurableOutbox outbox;
    private UplinkEngine engine;
    private IocSubscriber ioc;

    @BeforeEach
    void start() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "");
        run("mosquitto_passwd", "-b", passwords.toString(), "gw-0001", "s3cret");
        run("mosquitto_passwd", "-b", passwords.toString(), "ioc", "ioc-pass");
        Path acl = dir.resolve("acl");
        Files.writeString(acl, """
                user gw-0001
                topic readwrite cityedge/v1/district-7/gw-0001/#

                user ioc
                topic read cityedge/#
                """);
        broker = Mosquitto.custom(dir, "", "allow_anonymous false\npassword_file " + passwords + "\nacl_file " + acl,
                false);
        ioc = new IocSubscriber(broker.url(), "ioc-acl", "cityedge/v1/#", false, "ioc", "ioc-pass");
        outbox = DurableOutbox.open(BufferSettings.defaults(dir.resolve("outbox.db")).withCommitInterval(5));
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

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    private UplinkSettings settings(String site) {
        return PlainBrokerTest.settings(broker.url()).withCredentials("gw-0001", "s3cret")
                .withClientId("gw-0001-client").withBrokerSite(site);
    }

    @Test
    void rightCredentialsWithinTheOwnPrefixPublish() throws Exception {
        engine = new UplinkEngine(outbox, new FixedFacts("district-7", "gw-0001", 2));
        engine.start(settings(""));
        PlainBrokerTest.awaitState(engine, LinkState.CONNECTED);
        engine.accept(SyntheticPolls.poll("lamp-0", 4, 1, 1_000));
        List<Received> got = ioc.await(r -> r.kind().equals("telemetry"), 1, PlainBrokerTest.WAIT);
        assertThat(got).hasSize(1);
        assertThat(ioc.schemaErrors()).isEmpty();
    }

    @Test
    void badCredentialsAreReportedAndSamplesAreKept() throws Exception {
        engine = new UplinkEngine(outbox, new FixedFacts("district-7", "gw-0001", 2));
        engine.start(settings("").withCredentials("gw-0001", "wrong"));
        PlainBrokerTest.awaitState(engine, LinkState.REFUSED);
        // Mosquitto answers a wrong password with 0x87 (not authorized), other brokers with 0x86.
        assertThat(engine.status().problem()).containsAnyOf("bad user name or password", "not authorized");
        engine.accept(SyntheticPolls.poll("lamp-0", 4, 1, 1_000));
        outbox.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(outbox.status().depth()).isEqualTo(1);

        // Fixing the password reconnects and delivers what was kept.
        engine.reconfigure(settings(""));
        PlainBrokerTest.awaitState(engine, LinkState.CONNECTED);
        assertThat(ioc.await(r -> r.kind().equals("telemetry"), 1, PlainBrokerTest.WAIT)).hasSize(1);
    }

    @Test
    void publishingOutsideTheOwnPrefixIsDeniedFlaggedAndKept() throws Exception {
        // Misconfigured site: the gateway would publish under district-8, where the ACL gives it no right.
        engine = new UplinkEngine(outbox, new FixedFacts("district-8", "gw-0001", 2));
        engine.start(settings(""));
        engine.accept(SyntheticPolls.poll("lamp-0", 4, 1, 1_000));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!engine.status().publishDenied() && engine.status().state() != LinkState.REFUSED
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.status().publishDenied()).isTrue();
        assertThat(engine.status().state()).isEqualTo(LinkState.REFUSED);
        assertThat(engine.status().problem()).contains("ACL").contains("district-8");
        outbox.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(outbox.status().depth()).as("kept for when the ACL is fixed").isEqualTo(1);
        assertThat(ioc.await(r -> r.topic().contains("district-8"), 1, 1_000)).isEmpty();
    }
}
