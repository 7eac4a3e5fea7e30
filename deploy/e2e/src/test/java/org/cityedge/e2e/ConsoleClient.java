package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's local HTTP API (docs/console/http-api.md) seen from the test with {@code java.net.http}: waits
 * until the console serves, sets the first console password with the CLI token the gateway wrote under its state
 * directory, and sends raw requests (cookies and headers exactly as given, for the CSRF and lockout checks).
 */
final class ConsoleClient {

    static final String PASSWORD = "e2e-console-pass-2026";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SERVE_LIMIT = Duration.ofSeconds(60);
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(30);

    private final int port;
    private final Path state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param port  the console's port on 127.0.0.1
     * @param state the gateway's state directory (the CLI token is {@code console/cli-token} in it)
     */
    ConsoleClient(int port, Path state) {
        this.port = port;
        this.state = state;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    Path tokenFile() {
        return state.resolve("console").resolve("cli-token");
    }

    /** Waits until the console answers {@code GET /api/session} (401 or 409 before anybody logged in) and its token is written. */
    ConsoleClient awaitServing(Supplier<String> diagnostics) {
        Bounded.await("the console on 127.0.0.1:" + port + " answering and its CLI token written", SERVE_LIMIT,
                () -> Files.isReadable(tokenFile()) && answers(), diagnostics);
        return this;
    }

    /** Sets the console password through the bearer token, as {@code cityedge provision console password} does. */
    void setPassword(String password) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/console/password"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}")));
        assertThat(r.statusCode()).as("PUT /api/console/password: " + r.body()).isEqualTo(200);
    }

    /** GET with the bearer token, the answer's JSON. */
    JsonNode get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token())
                .GET());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    /** A request built by the caller (its own headers, no token added). */
    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(REQUEST_LIMIT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A POST of JSON with exactly these extra headers (name, value pairs). */
    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    URI uri(String path) {
        return base().resolve(path);
    }

    String token() {
        try {
            return Files.readString(tokenFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private boolean answers() {
        if (!LoopbackPorts.listening(port)) {
            return false;
        }
        try {
            int status = http.send(HttpRequest.newBuilder(uri("/api/session")).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 401 || status == 409 || status == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
