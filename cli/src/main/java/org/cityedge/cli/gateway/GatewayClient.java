package org.cityedge.cli.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Talks to the gateway's local HTTP API. Authenticates lazily before the first request: with the bearer token when
 * it is readable and the gateway is this machine's own ({@link GatewayAddress#local()}: the token never goes
 * anywhere else), else by logging in with the console password (then the session cookie and the CSRF token go with
 * every request that changes something). A refused token is replaced by a login when a password can be had; an
 * expired session is renewed once.
 */
public final class GatewayClient {

    /** Requests that only read or store something; longer work (scans, reads of a slow bus) passes its own. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The console checks its wake file every 2 s and Jetty starts in well under a second. */
    private static final Duration WAKE_WAIT = Duration.ofSeconds(15);
    private static final String SESSION_COOKIE = "cityedge_session";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final boolean local;
    private final Credentials credentials;
    private final HttpClient http;
    // volatile: a shutdown hook cancelling a scan reads them while the main thread may be inside send()
    private volatile String bearer;
    private volatile String sessionCookie;
    private volatile String csrfToken;
    private volatile boolean wakeTried;

    /**
     * @param address     the console's base URL, e.g. {@code http://127.0.0.1:8080}, and whether it is this machine's
     * @param credentials the token file and password sources
     */
    public GatewayClient(GatewayAddress address, Credentials credentials) {
        this.base = address.base();
        this.local = address.local();
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, DEFAULT_TIMEOUT).body();
    }

    public Answer send(String method, String path, JsonNode body) {
        return send(method, path, body, DEFAULT_TIMEOUT);
    }

    /**
     * Sends one request and returns the 2xx answer.
     *
     * @throws Failure for every other outcome: unreachable or not authorised (exit 3), refused (exit 1)
     */
    public synchronized Answer send(String method, String path, JsonNode body, Duration timeout) {
        authenticate();
        HttpResponse<String> response = exchange(method, path, body, timeout, true);
        if (response.statusCode() == 401 && reauthenticate(parse(response.body()))) {
            response = exchange(method, path, body, timeout, true);
        }
        return check(method, path, response);
    }

    /**
     * Sends one request without authenticating first and without turning its status into a failure; for a scan's
     * cancellation from a shutdown hook, which must neither prompt, log in nor wait for the main thread.
     */
    public Optional<Integer> sendQuietly(String method, String path, Duration timeout) {
        try {
            return Optional.of(exchange(method, path, null, timeout, true).statusCode());
        } catch (Failure e) {
            return Optional.empty();
        }
    }

    private void authenticate() {
        if (bearer != null || sessionCookie != null) {
            return;
        }
        if (!local) {
            login(base + " is not this machine's gateway (the token goes only to a loopback address or to the "
                    + "console's own URL in " + credentials.tokenFile().resolveSibling(GatewayAddress.URL_FILE) + ")");
            return;
        }
        Optional<String> token = credentials.token();
        if (token.isPresent()) {
            bearer = token.get();
        } else {
            login(credentials.whyNoToken());
        }
    }

    /** After a 401: log in instead of a refused token, or again after an expired session. */
    private boolean reauthenticate(JsonNode refusal) {
        if (bearer != null) {
            if (!credentials.passwordAvailable()) {
                throw Failure.notAuthorised("the gateway at " + base + " refused the token in "
                        + credentials.tokenFile() + errorSuffix(refusal) + " (the token is rewritten at each gateway "
                        + "start and accepted from the gateway itself only): run on the gateway, or log in with "
                        + "--password-file FILE");
            }
            bearer = null;
            login("the gateway refused the token in " + credentials.tokenFile());
            return true;
        }
        if (sessionCookie != null) {
            sessionCookie = null;
            csrfToken = null;
            login("the session ended");
            return true;
        }
        return false;
    }

    private void login(String whyLogin) {
        if (!credentials.passwordAvailable()) {
            // Without the gateway running there is no token either: say that rather than "not authorised".
            exchange("GET", "/api/session", null, DEFAULT_TIMEOUT, false);
        }
        String password = credentials.password("console password for " + base + ": ").orElseThrow(
                () -> Failure.notAuthorised("not authorised: " + whyLogin + " and no console password given: "
                        + "give --password-file FILE or set CITYEDGE_CONSOLE_PASSWORD (on the gateway itself the "
                        + "CLI uses the token; --token-file FILE names it)"));
        HttpResponse<String> response = exchange("POST", "/api/login",
                JSON.createObjectNode().put("password", password), DEFAULT_TIMEOUT, false);
        JsonNode body = parse(response.body());
        switch (response.statusCode()) {
            case 200 -> {
                csrfToken = body.path("csrfToken").asText(null);
                sessionCookie = response.headers().allValues("Set-Cookie").stream()
                        .map(c -> c.split(";", 2)[0].strip())
                        .filter(c -> c.startsWith(SESSION_COOKIE + "=")).findFirst()
                        .orElseThrow(() -> Failure.notAuthorised("the gateway at " + base
                                + " accepted the password but set no " + SESSION_COOKIE + " cookie"));
            }
            case 401 -> throw Failure.notAuthorised("wrong console password for " + base
                    + (body.has("attemptsLeft") ? " (" + body.path("attemptsLeft").asInt() + " attempts left before "
                            + "a lockout)" : ""));
            case 429 -> throw lockedOut(response, body);
            case 409 -> throw Failure.notAuthorised(body.path("error").asText("the console has no password yet")
                    + " (on the gateway itself)");
            default -> throw Failure.notAuthorised("the gateway at " + base + " refused the login ("
                    + response.statusCode() + errorSuffix(body) + ")");
        }
    }

    private static Failure lockedOut(HttpResponse<String> response, JsonNode body) {
        String retry = body.has("retryAfterS") ? body.path("retryAfterS").asText()
                : response.headers().firstValue("Retry-After").orElse("?");
        return Failure.notAuthorised("locked out after repeated wrong passwords: try again in " + retry + " s");
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body, Duration timeout,
            boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (authenticated && bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (authenticated && sessionCookie != null) {
            request.header("Cookie", sessionCookie);
            if (!method.equals("GET") && !method.equals("HEAD") && csrfToken != null) {
                request.header("X-CSRF-Token", csrfToken);
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw Failure.unreachable("the gateway at " + base + " did not answer " + method + " " + path
                    + " within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            if (wakeConsole()) {
                return exchange(method, path, body, timeout, authenticated);
            }
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Failure.usage("cannot use the gateway URL " + base + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.refused("interrupted while waiting for the gateway");
        }
    }

    /**
     * The console of a gateway listens on demand: on the gateway itself (loopback or the console's own URL, the
     * state directory at hand) the CLI wakes it by touching {@code <state>/console/wake} and waits, once, for the
     * port to open.
     */
    private boolean wakeConsole() {
        if (wakeTried || !local) {
            return false;
        }
        wakeTried = true;
        Path wake = credentials.tokenFile().resolveSibling("wake");
        if (!Files.isDirectory(wake.getParent())) {
            return false;
        }
        try {
            Files.write(wake, new byte[0]);
            Files.setLastModifiedTime(wake, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            return false; // not this gateway's user: report the refused connection as it is
        }
        int port = base.getPort() > 0 ? base.getPort() : 80;
        long deadline = System.nanoTime() + WAKE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(base.getHost(), port), 500);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private Failure unreachable(String why) {
        String hostPort = base.getHost() + ":" + (base.getPort() > 0 ? base.getPort()
                : "https".equals(base.getScheme()) ? 443 : 80);
        return Failure.unreachable("cannot reach the gateway at " + base + " (" + why + "): is the gateway running? "
                + "is its console listening on " + hostPort + "? (point elsewhere with --gateway URL or "
                + "CITYEDGE_GATEWAY)");
    }

    private Answer check(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        JsonNode body = parse(text);
        if (status >= 200 && status < 300) {
            return new Answer(status, body, text);
        }
        if (status == 401) {
            throw Failure.notAuthorised("not authorised by the gateway at " + base + errorSuffix(body));
        }
        if (status == 403) {
            throw Failure.notAuthorised("the gateway at " + base + " refused " + method + " " + path
                    + errorSuffix(body));
        }
        if (status == 429) {
            throw lockedOut(response, body);
        }
        if (body.isMissingNode() || !body.isObject()) {
            throw Failure.refused("the gateway answered " + method + " " + path + " with " + status
                    + (status == 404 ? " (not found: is the console bundle on this gateway current?)" : ""));
        }
        throw Failure.refused(status == 422 ? "the gateway refused the change"
                : "the gateway refused " + method + " " + path + " (" + status + ")", body);
    }

    private static String errorSuffix(JsonNode body) {
        String error = body.path("error").asText("");
        return error.isEmpty() ? "" : ": " + error;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
