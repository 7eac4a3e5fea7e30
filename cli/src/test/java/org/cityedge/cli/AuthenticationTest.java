package org.cityedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.cityedge.cli.Cli.Result;
import org.cityedge.cli.FakeGateway.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI proves who it is: the bearer token on the gateway, the password login from a laptop. */
class AuthenticationTest {

    private static final String IDENTITY = "{\"site\":\"dong-xoai\",\"gatewayId\":\"dx-cab-001\","
            + "\"location\":{\"latitude\":11.5349,\"longitude\":106.8832},\"timezone\":\"Asia/Ho_Chi_Minh\"}";
    private static final String APPLIED = "{\"applied\":true,\"problems\":[],\"notes\":[]}";

    @TempDir
    Path dir;
    private FakeGateway gateway;

    @BeforeEach
    void start() throws IOException {
        gateway = new FakeGateway().answer("GET", "/api/identity", 200, IDENTITY)
                .answer("PUT", "/api/identity", 200, APPLIED);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void readableTokenGoesAsBearerWithoutLogin() throws IOException {
        gateway.token("tok-1");
        Path token = Files.writeString(dir.resolve("cli-token"), "tok-1\n");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", token.toString(), "identity", "set",
                "--timezone", "Asia/Bangkok");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(gateway.find("POST", "/api/login")).isEmpty();
        Request put = gateway.only("PUT", "/api/identity");
        assertThat(put.header("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(put.header("Cookie")).isNull();
        assertThat(put.json().path("timezone").asText()).isEqualTo("Asia/Bangkok");
        assertThat(put.json().path("site").asText()).as("kept from the current identity").isEqualTo("dong-xoai");
    }

    @Test
    void tokenFileIsFoundUnderCityedgeState() throws IOException {
        gateway.token("tok-2");
        Files.createDirectories(dir.resolve("console"));
        Files.writeString(dir.resolve("console/cli-token"), "tok-2");

        Result r = Cli.run(Map.of("CITYEDGE_GATEWAY", gateway.uri().toString(), "CITYEDGE_STATE", dir.toString()),
                "identity", "show");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dx-cab-001", "Asia/Ho_Chi_Minh");
        assertThat(gateway.only("GET", "/api/identity").header("Authorization")).isEqualTo("Bearer tok-2");
    }

    @Test
    void withoutTokenLogsInAndSendsCookieAndCsrfTokenOnChanges() throws IOException {
        gateway.password("correct horse battery");
        Path password = Files.writeString(dir.resolve("pw"), "correct horse battery\n");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", dir.resolve("none").toString(),
                "--password-file", password.toString(), "identity", "set", "--lat", "11.6");

        assertThat(r.code()).as(r.toString()).isZero();
        Request login = gateway.only("POST", "/api/login");
        assertThat(login.json().path("password").asText()).as("file's line ending dropped")
                .isEqualTo("correct horse battery");
        Request get = gateway.only("GET", "/api/identity");
        assertThat(get.header("Cookie")).isEqualTo(FakeGateway.SESSION);
        assertThat(get.header("Authorization")).isNull();
        Request put = gateway.only("PUT", "/api/identity");
        assertThat(put.header("Cookie")).isEqualTo(FakeGateway.SESSION);
        assertThat(put.header("X-CSRF-Token")).isEqualTo(FakeGateway.CSRF);
        assertThat(put.json().path("location").path("latitude").asDouble()).isEqualTo(11.6);
        assertThat(put.json().path("location").path("longitude").asDouble()).isEqualTo(106.8832);
        assertThat(r.out()).contains("applied: identity");
    }

    @Test
    void passwordComesFromTheEnvironment() {
        gateway.password("from-the-environment");

        Result r = Cli.run(Map.of("CITYEDGE_CONSOLE_PASSWORD", "from-the-environment", "CITYEDGE_STATE",
                dir.toString()), "--gateway", gateway.uri().toString(), "identity", "show");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(gateway.only("POST", "/api/login").json().path("password").asText())
                .isEqualTo("from-the-environment");
    }

    @Test
    void refusedTokenFallsBackToThePassword() throws IOException {
        gateway.token("current").password("the password 1");
        Path stale = Files.writeString(dir.resolve("cli-token"), "stale");
        Path password = Files.writeString(dir.resolve("pw"), "the password 1");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", stale.toString(), "--password-file",
                password.toString(), "identity", "show");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(gateway.requests()).extracting(Request::path)
                .containsExactly("/api/identity", "/api/login", "/api/identity");
    }

    @Test
    void refusedTokenWithoutPasswordIsExit3NamingTheToken() throws IOException {
        gateway.token("current");
        Path stale = Files.writeString(dir.resolve("cli-token"), "stale");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", stale.toString(), "identity", "show");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("refused the token in " + stale).contains("--password-file");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void wrongPasswordIsExit3WithAttemptsLeft() throws IOException {
        gateway.password("the right one");
        Path password = Files.writeString(dir.resolve("pw"), "a wrong one");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", dir.resolve("none").toString(),
                "--password-file", password.toString(), "status");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("wrong console password").contains("4 attempts left");
        assertThat(gateway.apiRequests()).isEmpty();
    }

    @Test
    void lockoutIsExit3WithTheWait() throws IOException {
        gateway.loginReply(429, "{\"error\":\"locked out\",\"retryAfterS\":840}");
        Path password = Files.writeString(dir.resolve("pw"), "whatever it is");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", dir.resolve("none").toString(),
                "--password-file", password.toString(), "status");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("locked out").contains("840 s");
    }

    @Test
    void noTokenAndNoPasswordIsExit3SayingWhatToGive() {
        Result r = run("--gateway", gateway.uri().toString(), "--token-file", dir.resolve("none").toString(),
                "status");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no token file at " + dir.resolve("none")).contains("--password-file")
                .contains("CITYEDGE_CONSOLE_PASSWORD");
        assertThat(gateway.requests()).as("only whether the gateway is there").extracting(Request::path)
                .containsExactly("/api/session");
    }

    @Test
    void noTokenAndNoGatewaySaysUnreachableRatherThanUnauthorised() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Result r = run("--gateway", "http://127.0.0.1:" + closedPort, "--token-file", dir.resolve("none").toString(),
                "status");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach the gateway").doesNotContain("not authorised");
    }

    @Test
    void firstConsolePasswordFromALaptopSaysWhereToSetIt() throws IOException {
        Path newPassword = Files.writeString(dir.resolve("new"), "a long enough password");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", dir.resolve("none").toString(),
                "console", "password", "--password-file", newPassword.toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("the first console password is set on the gateway itself");
        assertThat(gateway.find("PUT", "/api/console/password")).isEmpty();
    }

    @Test
    void unauthorisedAnswerIsExit3() throws IOException {
        gateway.token("tok");
        Path token = Files.writeString(dir.resolve("cli-token"), "tok");
        gateway.answer("GET", "/api/status", 401, "{\"error\":\"bearer token accepted from loopback only\"}");

        Result r = run("--gateway", gateway.uri().toString(), "--token-file", token.toString(), "status");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("loopback only");
    }

    @Test
    void unreachableGatewayIsExit3WithWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path token = Files.writeString(dir.resolve("cli-token"), "tok");

        Result r = run("--gateway", "http://127.0.0.1:" + closedPort, "--token-file", token.toString(), "status");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach the gateway at http://127.0.0.1:" + closedPort)
                .contains("is the gateway running?").contains("listening on 127.0.0.1:" + closedPort);
        assertThat(r.err().lines().count()).as("one line, no stack trace").isEqualTo(1);
    }

    @Test
    void onTheGatewayTheCliWakesAConsoleThatListensOnDemand() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path consoleDir = Files.createDirectories(dir.resolve("state/console"));
        Path token = Files.writeString(consoleDir.resolve("cli-token"), "tok");
        java.util.concurrent.atomic.AtomicReference<FakeGateway> woken = new java.util.concurrent.atomic.AtomicReference<>();
        Thread sleepingConsole = new Thread(() -> { // what the console does: notice the wake file, start listening
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(consoleDir.resolve("wake")) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                woken.set(new FakeGateway(port).token("tok").answer("GET", "/api/identity", 200, IDENTITY));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        sleepingConsole.start();
        try {
            Result r = run("--gateway", "http://127.0.0.1:" + port, "--token-file", token.toString(), "identity",
                    "show");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(woken.get()).as("the console was woken").isNotNull();
            assertThat(woken.get().find("GET", "/api/identity")).isNotEmpty();
        } finally {
            sleepingConsole.join(15_000);
            if (woken.get() != null) {
                woken.get().close();
            }
        }
    }

    @Test
    void onTheGatewayTheUrlTheConsoleWroteIsUsedWithTheToken() throws IOException {
        gateway.token("tok-3");
        Path consoleDir = Files.createDirectories(dir.resolve("console"));
        Files.writeString(consoleDir.resolve("cli-token"), "tok-3\n");
        Files.writeString(consoleDir.resolve("url"), gateway.uri() + "\n");

        Result r = Cli.run(Map.of("CITYEDGE_STATE", dir.toString()), "identity", "show");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(gateway.only("GET", "/api/identity").header("Authorization")).isEqualTo("Bearer tok-3");
    }

    /**
     * After {@code console listen --interface eth1} the console's URL names eth1's address, not loopback. 0.0.0.0
     * stands in for it here: no loopback literal, yet Linux connects it to this machine (the test gateway on
     * 127.0.0.1), so the test talks to nothing else.
     */
    @Test
    void theTokenGoesToTheConsolesOwnUrlThoughItIsNotLoopbackAndASleepingConsoleThereIsWoken() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path consoleDir = Files.createDirectories(dir.resolve("state/console"));
        Files.writeString(consoleDir.resolve("cli-token"), "tok-4");
        Files.writeString(consoleDir.resolve("url"), "http://0.0.0.0:" + port + "\n");
        java.util.concurrent.atomic.AtomicReference<FakeGateway> woken =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread sleepingConsole = new Thread(() -> {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(consoleDir.resolve("wake")) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                woken.set(new FakeGateway(port).token("tok-4").answer("GET", "/api/identity", 200, IDENTITY));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        sleepingConsole.start();
        try {
            Result r = Cli.run(Map.of("CITYEDGE_STATE", dir.resolve("state").toString()), "identity", "show");

            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(woken.get()).as("the console was woken").isNotNull();
            assertThat(woken.get().only("GET", "/api/identity").header("Authorization")).isEqualTo("Bearer tok-4");
        } finally {
            sleepingConsole.join(15_000);
            if (woken.get() != null) {
                woken.get().close();
            }
        }
    }

    @Test
    void theTokenIsNeverSentToAnotherUrlTheCliLogsInThere() throws IOException {
        gateway.token("tok-5").password("the password 5");
        Path token = Files.writeString(dir.resolve("cli-token"), "tok-5");
        Path password = Files.writeString(dir.resolve("pw"), "the password 5");
        String elsewhere = "http://0.0.0.0:" + gateway.uri().getPort(); // not loopback, not the console's own URL

        Result r = run("--gateway", elsewhere, "--token-file", token.toString(), "--password-file",
                password.toString(), "identity", "show");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(gateway.requests()).extracting(q -> q.header("Authorization")).containsOnlyNulls();
        assertThat(gateway.requests()).extracting(Request::path).containsExactly("/api/login", "/api/identity");
    }

    @Test
    void withoutAPasswordTheCliSaysWhyItKeptTheTokenBack() throws IOException {
        gateway.token("tok-6");
        Path token = Files.writeString(dir.resolve("cli-token"), "tok-6");

        Result r = run("--gateway", "http://0.0.0.0:" + gateway.uri().getPort(), "--token-file", token.toString(),
                "status");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("is not this machine's gateway").contains(dir.resolve("url").toString());
        assertThat(gateway.requests()).extracting(q -> q.header("Authorization")).containsOnlyNulls();
    }

    @Test
    void malformedGatewayUrlIsUsageError() {
        Result r = run("--gateway", "ftp://somewhere", "status");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not http://host:port");
    }

    private Result run(String... args) {
        return Cli.run(Map.of(), args);
    }
}
