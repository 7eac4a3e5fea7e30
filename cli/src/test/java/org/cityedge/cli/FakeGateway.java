package org.cityedge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The gateway's local HTTP API, minimally, on 127.0.0.1 with a free port: bearer token and password login with
 * session cookie and CSRF token as http-api.md says, answers set per route, and every request recorded.
 */
final class FakeGateway implements AutoCloseable {

    static final String SESSION = "cityedge_session=abc123";
    static final String CSRF = "csrf-456";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the gateway saw it. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** An answer: status and JSON text. */
    record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private volatile String token;
    private volatile String password;
    private volatile Reply loginReply;

    FakeGateway() throws IOException {
        this(0);
    }

    /** A gateway listening on a given port (0: any free one). */
    FakeGateway(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeGateway token(String value) {
        token = value;
        return this;
    }

    FakeGateway password(String value) {
        password = value;
        return this;
    }

    /** Answers every login with this instead (lockout, no password yet). */
    FakeGateway loginReply(int status, String body) {
        loginReply = new Reply(status, body);
        return this;
    }

    FakeGateway answer(String method, String path, int status, String body) {
        return answer(method, path, r -> new Reply(status, body));
    }

    FakeGateway answer(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    /** Requests to the API other than logins. */
    List<Request> apiRequests() {
        return requests.stream().filter(r -> !r.path().equals("/api/login")).toList();
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    Optional<Request> find(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst();
    }

    Request only(String method, String path) {
        List<Request> matching = requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + " but saw " + requests.stream()
                    .map(r -> r.method() + " " + r.path()).toList());
        }
        return matching.get(0);
    }

    /** Waits (bounded) until a request matches. */
    boolean await(Predicate<Request> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (requests.stream().anyMatch(condition)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            Reply reply = reply(request, exchange);
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply reply(Request request, HttpExchange exchange) {
        if (request.path().equals("/api/login") && request.method().equals("POST")) {
            return login(request, exchange);
        }
        Reply refusal = authorise(request);
        if (refusal != null) {
            return refusal;
        }
        Function<Request, Reply> route = routes.get(request.method() + " " + request.path());
        return route == null ? new Reply(404, "{\"error\":\"not found\"}") : route.apply(request);
    }

    private Reply login(Request request, HttpExchange exchange) {
        if (loginReply != null) {
            return loginReply;
        }
        if (password == null) {
            return new Reply(409, "{\"error\":\"no console password set: run cityedge provision console password\"}");
        }
        if (!password.equals(request.json().path("password").asText())) {
            return new Reply(401, "{\"error\":\"wrong password\",\"attemptsLeft\":4}");
        }
        exchange.getResponseHeaders().add("Set-Cookie", SESSION + "; Path=/; HttpOnly; SameSite=Strict");
        return new Reply(200, "{\"csrfToken\":\"" + CSRF + "\"}");
    }

    /** As the console does: a valid bearer token, or the session cookie plus the CSRF token on every change. */
    private Reply authorise(Request request) {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            return token != null && authorization.equals("Bearer " + token) ? null
                    : new Reply(401, "{\"error\":\"bad token\"}");
        }
        String cookie = request.header("Cookie");
        if (cookie == null || !cookie.contains(SESSION)) {
            return new Reply(401, "{\"error\":\"not logged in\"}");
        }
        boolean reads = request.method().equals("GET") || request.method().equals("HEAD");
        if (!reads && !CSRF.equals(request.header("X-CSRF-Token"))) {
            return new Reply(403, "{\"error\":\"CSRF check failed\"}");
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
