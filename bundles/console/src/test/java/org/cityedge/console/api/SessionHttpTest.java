package org.cityedge.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.console.security.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Login, lockout, sessions, CSRF and Origin, the CLI token: over real HTTP. */
class SessionHttpTest {

    @TempDir
    Path state;
    private ConsoleRig rig;

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private ConsoleRig rig(boolean withPassword) throws Exception {
        rig = new ConsoleRig(state, withPassword);
        return rig;
    }

    @Test
    void loginSetsAnHttpOnlySameSiteStrictCookieThatOpensTheApi() throws Exception {
        rig(true);
        assertThat(rig.get("/api/status").statusCode()).isEqualTo(401);

        HttpResponse<String> r = rig.send("POST", "/api/login", "{\"password\":\"" + ConsoleRig.PASSWORD + "\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches("cityedge_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict");
        String csrf = ConsoleRig.json(r).get("csrfToken").asText();
        assertThat(csrf).hasSize(43);

        rig.cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(rig.get("/api/status").statusCode()).isEqualTo(200);
        assertThat(ConsoleRig.json(rig.get("/api/session")).get("csrfToken").asText()).isEqualTo(csrf);
    }

    @Test
    void wrongPasswordsAre401UntilTheAddressIsLockedOutThen429EvenForTheRightOne() throws Exception {
        rig(true);
        for (int left = 4; left >= 0; left--) {
            HttpResponse<String> r = rig.send("POST", "/api/login", "{\"password\":\"guess-" + left + "-xyz\"}");
            assertThat(r.statusCode()).isEqualTo(401);
            JsonNode body = ConsoleRig.json(r);
            assertThat(body.get("error").asText()).isEqualTo("wrong password");
            assertThat(body.get("attemptsLeft").asInt()).isEqualTo(left);
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }

        HttpResponse<String> locked = rig.send("POST", "/api/login",
                "{\"password\":\"" + ConsoleRig.PASSWORD + "\"}");

        assertThat(locked.statusCode()).isEqualTo(429);
        JsonNode body = ConsoleRig.json(locked);
        assertThat(body.get("error").asText()).isEqualTo("locked out");
        assertThat(body.get("retryAfterS").asLong()).isBetween(14 * 60L, 15 * 60L);
        assertThat(locked.headers().firstValue("Retry-After")).contains(body.get("retryAfterS").asText());
        assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(rig.security.sessions().size()).isZero();
    }

    @Test
    void concurrentWrongLoginsGetAtMostMaxFailuresChecksAndTheRestAre429() throws Exception {
        int burst = 12;
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        rig = new ConsoleRig(state, true, (password, hash) -> { // a slow PBKDF2: every admitted login in flight
            checks.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PasswordHasher.verify(password, hash);
        });
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String body = "{\"password\":\"guess-" + i + "-xyz\"}";
                answers.add(clients.submit(() -> rig.send("POST", "/api/login", body)));
            }
            // hold the checks until every login is either being checked or answered (bounded)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (checks.get() + answers.stream().filter(Future::isDone).count() < burst
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            release.countDown();
            for (Future<HttpResponse<String>> a : answers) {
                statuses.add(a.get(30, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            release.countDown();
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
        }

        assertThat(checks.get()).as("passwords checked").isBetween(1, 5);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(checks.get());
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(burst - checks.get());
        HttpResponse<String> right = rig.send("POST", "/api/login", "{\"password\":\"" + ConsoleRig.PASSWORD + "\"}");
        assertThat(right.statusCode()).as("locked out after the five failures").isEqualTo(429);
        assertThat(ConsoleRig.json(right).get("error").asText()).isEqualTo("locked out");
    }

    @Test
    void changingThePasswordKeepsTheCallersSessionEvenWhenTheNewHashArrivesFirst() throws Exception {
        rig(true);
        rig.login();
        String other = rig.cookie;
        rig.cookie = null;
        rig.login();
        when(rig.provisioning.configure(any())).thenAnswer(inv -> {
            Map<String, Map<String, String>> change = inv.getArgument(0);
            // ConfigAdmin delivering the new hash (the component's modified()) before configure returns
            rig.security.configure(change.get("org.cityedge.console").get("passwordHash"), 30, 5, 15);
            return ChangeResult.applied(List.of());
        });

        HttpResponse<String> r = rig.change("PUT", "/api/console/password", "{\"password\":\"a-brand-new-pass\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(rig.get("/api/session").statusCode()).as("the caller stays logged in").isEqualTo(200);
        rig.cookie = other;
        assertThat(rig.get("/api/session").statusCode()).as("every other session ends").isEqualTo(401);
    }

    @Test
    void withoutAPasswordLoginSays409AndTheFirstOneIsSetWithTheCliToken() throws Exception {
        rig(false);
        AtomicReference<Map<String, Map<String, String>>> configured = new AtomicReference<>();
        when(rig.provisioning.configure(any())).thenAnswer(inv -> {
            configured.set(inv.getArgument(0));
            return ChangeResult.applied(List.of());
        });

        HttpResponse<String> login = rig.send("POST", "/api/login", "{\"password\":\"anything-at-all\"}");
        assertThat(login.statusCode()).isEqualTo(409);
        assertThat(ConsoleRig.json(login).get("error").asText())
                .isEqualTo("no console password set: run cityedge provision console password");

        String body = "{\"password\":\"a-new-cabinet-pass\"}";
        assertThat(rig.send("PUT", "/api/console/password", body).statusCode()).as("no token").isEqualTo(401);
        HttpResponse<String> tooShort = rig.send("PUT", "/api/console/password", "{\"password\":\"short\"}",
                "Authorization", "Bearer " + rig.tokenText);
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(ConsoleRig.json(tooShort).at("/problems/0/field").asText()).isEqualTo("password");

        HttpResponse<String> set = rig.send("PUT", "/api/console/password", body, "Authorization",
                "Bearer " + rig.tokenText);

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(ConsoleRig.json(set).get("applied").asBoolean()).isTrue();
        String hash = configured.get().get("org.cityedge.console").get("passwordHash");
        assertThat(hash).startsWith("pbkdf2-sha256$1000$"); // the rig's cheap hasher; the component uses 210000
        assertThat(PasswordHasher.verify("a-new-cabinet-pass", hash)).isTrue();
        assertThat(rig.send("POST", "/api/login", body).statusCode()).as("in effect at once").isEqualTo(200);
    }

    @Test
    void changesWithoutTheCsrfTokenOrFromAnotherOriginAre403() throws Exception {
        rig(true);
        rig.login();
        String identity = "{\"site\":\"dong-xoai\",\"gatewayId\":\"dx-cab-001\"}";
        when(rig.provisioning.setIdentity(any())).thenReturn(ChangeResult.applied(List.of()));

        HttpResponse<String> noToken = rig.send("PUT", "/api/identity", identity);
        HttpResponse<String> wrongToken = rig.send("PUT", "/api/identity", identity, "X-CSRF-Token", "x" + rig.csrf);
        HttpResponse<String> otherOrigin = rig.send("PUT", "/api/identity", identity, "X-CSRF-Token", rig.csrf,
                "Origin", "http://evil.example");

        for (HttpResponse<String> r : List.of(noToken, wrongToken, otherOrigin)) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(ConsoleRig.json(r).get("error").asText()).isEqualTo("CSRF check failed");
        }
        verify(rig.provisioning, never()).setIdentity(any());
        assertThat(rig.get("/api/identity").statusCode()).as("reading needs no token").isNotEqualTo(403);
        assertThat(rig.change("PUT", "/api/identity", identity).statusCode()).isEqualTo(200);
        assertThat(rig.refusals.byStatus()).containsEntry(403, 3L);
    }

    @Test
    void theCliTokenIsAcceptedFromLoopbackWithoutCookieOrCsrf() throws Exception {
        rig(true);
        when(rig.provisioning.setIdentity(any())).thenReturn(ChangeResult.applied(List.of()));

        HttpResponse<String> ok = rig.send("PUT", "/api/identity", "{\"site\":\"s\",\"gatewayId\":\"g\"}",
                "Authorization", "Bearer " + rig.tokenText);
        HttpResponse<String> wrong = rig.send("GET", "/api/status", null, "Authorization", "Bearer nope");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(ConsoleRig.json(wrong).get("error").asText()).startsWith("bad token");
    }

    @Test
    void aRequestNamingAForeignHostIs421OnTheApiAndThePagesAndCounted() throws Exception {
        rig(true);

        String api = raw("POST /api/login", "evil.example:" + rig.port, "{\"password\":\"" + ConsoleRig.PASSWORD
                + "\"}");
        String page = raw("GET /", "evil.example:" + rig.port, null);
        String localhost = raw("GET /api/session", "localhost:" + rig.port, null);

        assertThat(api).startsWith("HTTP/1.1 421").contains("misdirected request: Host 'evil.example:" + rig.port
                + "' is not this console's address (use http://127.0.0.1:" + rig.port + ")")
                .doesNotContain("Set-Cookie");
        assertThat(page).startsWith("HTTP/1.1 421").doesNotContain("<html");
        assertThat(localhost).as("a loopback name with the port is this console").startsWith("HTTP/1.1 401");
        assertThat(rig.refusals.byStatus()).containsEntry(421, 2L);
        assertThat(rig.security.sessions().size()).isZero();
    }

    /** One request over a plain socket: the JDK client does not let a test choose the Host header. */
    private String raw(String requestLine, String host, String body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", rig.port)) {
            socket.setSoTimeout(10_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: "
                    + content.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        rig(true);
        rig.login();

        HttpResponse<String> out = rig.change("POST", "/api/logout", "{}");

        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(rig.get("/api/status").statusCode()).isEqualTo(401);
        assertThat(rig.get("/api/session").statusCode()).isEqualTo(401);
    }
}
